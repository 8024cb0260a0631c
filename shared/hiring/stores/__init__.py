"""The data-access layer: one store per aggregate (identity, resumes, jobs and imports, matches, scraping), each
holding all of that aggregate's SQL. Stores take a connection; services open the unit of work (Database.connect)
and pass it in, so a transaction's boundary is always visible in one service method."""
