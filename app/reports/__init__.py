"""Document builders: plain data (app.reports.data) in, a PDF file out.

No Session and no Qt here: the services assemble the data (app.services.documents), the
GUI and the command line decide where the file goes.
"""
