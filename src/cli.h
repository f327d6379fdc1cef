/*
 * The quick-reference commands: --list, --print, --search and --check,
 * writing plain text (with colour when asked) for a console, a pipe or ssh.
 */
#ifndef RESPMAP_CLI_H
#define RESPMAP_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "model.h"

/* Exit statuses: GNU style. */
#define CLI_OK		0
#define CLI_FAIL	1	/* nothing found, ambiguous, bad data */
#define CLI_USAGE	2

struct cli {
	const struct model	*m;
	FILE			*out;
	FILE			*err;
	size_t			 width;
	bool			 color;
	bool			 ascii;
};

int cli_list(const struct cli *c);
int cli_print(const struct cli *c, char *const *topics, size_t n);
int cli_search(const struct cli *c, const char *query);
/* Report what a loaded data set holds (for --check). */
void cli_summary(const struct cli *c, const char *label);

/* The width to wrap to: $COLUMNS, else the terminal's, else 80. */
size_t cli_width(int fd);

#endif
