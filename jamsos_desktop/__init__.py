"""JAMSOS Desktop: offline village register and BPJS Ketenagakerjaan nominations."""

__version__ = "0.1.0"
