"""The district side: merging village files, duplicates, reports, the BPJS spreadsheet."""
