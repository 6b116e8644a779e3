"""Face verification and portrait making, behind interfaces a vendor SDK can replace."""
