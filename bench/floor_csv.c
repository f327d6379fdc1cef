/*
 * The floor for loading a data set (make bench): read each table of a
 * data set directory the way the loader does (the whole file at once) and
 * parse it with libcsv in the loader's strict mode, only counting rows and
 * fields. No checks and no model: whatever respmap --check spends beyond
 * this is the cost of its own work, which is what the benchmark compares.
 *
 * Usage: floor_csv DIR
 */
#include "config.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct counts {
	size_t	fields;
	size_t	rows;
	size_t	bytes;	/* of fields: the callbacks do something */
};

static void
on_field(void *data, size_t len, void *ctx)
{
	struct counts *c = ctx;

	(void)data;
	c->fields++;
	c->bytes += len;
}

static void
on_row(int term, void *ctx)
{
	struct counts *c = ctx;

	(void)term;
	c->rows++;
}

/* The whole file, or NULL when it is not there (the matrix is optional). */
static char *
slurp(const char *path, size_t *len)
{
	struct stat st;
	size_t got = 0;
	ssize_t r;
	char *buf;
	int fd;

	if ((fd = open(path, O_RDONLY)) < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || (buf = malloc((size_t)st.st_size + 1)) ==
	    NULL) {
		close(fd);
		return NULL;
	}
	while (got < (size_t)st.st_size) {
		r = read(fd, buf + got, (size_t)st.st_size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	*len = got;
	return buf;
}

int
main(int argc, char **argv)
{
	static const char *const files[] = { "dataset.csv", "sources.csv",
		"topics.csv", "items.csv", "layers.csv", "matrix.csv" };
	struct counts c = { 0, 0, 0 };
	struct csv_parser p;
	size_t i, len;
	char path[4096], *buf;

	if (argc != 2) {
		fprintf(stderr, "usage: floor_csv DIR\n");
		return 2;
	}
	for (i = 0; i < sizeof files / sizeof *files; i++) {
		snprintf(path, sizeof path, "%s/%s", argv[1], files[i]);
		if ((buf = slurp(path, &len)) == NULL) {
			if (i < 4) {
				fprintf(stderr, "floor_csv: %s: cannot read\n",
				    path);
				return 1;
			}
			continue;
		}
		if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
			return 1;
		if (csv_parse(&p, buf, len, on_field, on_row, &c) != len ||
		    csv_fini(&p, on_field, on_row, &c) != 0) {
			fprintf(stderr, "floor_csv: %s: %s\n", path,
			    csv_strerror(csv_error(&p)));
			return 1;
		}
		csv_free(&p);
		free(buf);
	}
	printf("%zu rows, %zu fields, %zu bytes of fields\n", c.rows,
	    c.fields, c.bytes);
	return 0;
}
