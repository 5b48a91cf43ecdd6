"""Exchange between offices: change capture, epochs, and (later) packages and merge."""
