/*
 * Loading a data set: the CSV tables of a directory (or the copy built into
 * the binary) into a validated model. Every problem is reported with its
 * file, line and column; a data set with any problem yields no model.
 *
 * The tables, in the order they are read (each may refer to the ones
 * before it), are described in respmap(5):
 *   dataset.csv  sources.csv  topics.csv  items.csv  [layers.csv matrix.csv]
 */
#ifndef RESPMAP_LOAD_H
#define RESPMAP_LOAD_H

#include <stddef.h>

#include "diag.h"
#include "model.h"

struct load_opts {
	size_t	max_file;		/* bytes in one file */
	size_t	max_field;		/* bytes in one field */
	size_t	max_problems;		/* problems kept per file */
	size_t	max_depth;		/* levels of the topic tree */
	size_t	max_tree;		/* topic occurrences in the whole tree */
	size_t	chunk;			/* csvread_limits.chunk: 0 but in tests */
};

/* One file's bytes, as the built-in data set carries them. */
struct load_file {
	const char		*name;	/* "topics.csv" */
	const unsigned char	*data;
	size_t			 len;
};

void load_opts_default(struct load_opts *o);

/* Load the tables of directory dir. Returns the model, or NULL when there
 * was any problem; every problem is in d. */
struct model *load_dir(const char *dir, const struct load_opts *o,
    struct diags *d);

/* Load tables held in memory; label prefixes file names in messages. */
struct model *load_files(const struct load_file *files, size_t n,
    const char *label, const struct load_opts *o, struct diags *d);

/* The data set compiled into the binary. */
struct model *load_builtin(struct diags *d);

#endif
