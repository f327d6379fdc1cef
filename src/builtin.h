/*
 * The default data set, compiled in from the CSV files of data/ at build time
 * (build-aux/embed.sh writes builtin-data.c), so respmap works from any
 * directory and after installation.
 */
#ifndef RESPMAP_BUILTIN_H
#define RESPMAP_BUILTIN_H

#include "load.h"

extern const struct load_file builtin_files[];
extern const size_t builtin_nfiles;

#endif
