"""cockpit: a digital cockpit for software-defined vehicles."""
