# The package's version; libhotloop's hotloop_version() must match it.
__version__ = "0.1.0"
