"""Reports: the JSON/CSV interchange formats, charts (matplotlib) and the doctor PDF (fpdf2).

matplotlib and fpdf2 are imported only inside the modules that draw, never at package import."""
