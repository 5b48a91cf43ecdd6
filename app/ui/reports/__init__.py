"""The Reports screen: statistics, Excel exports and the import of children."""
