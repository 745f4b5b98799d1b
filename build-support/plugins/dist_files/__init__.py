"""`dist_files`: a Pants target whose `package` writes the files of its dependencies under dist/."""
