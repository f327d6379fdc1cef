/*
 * Reading one CSV file with libcsv, row by row, with exact positions.
 *
 * libcsv says nothing about where a field came from, so the reader feeds it
 * one physical line at a time and notes on which line each row begins; when
 * a caller needs the position of a field (only to report a problem), the
 * row's raw bytes are scanned again. The fast path pays for no positions.
 *
 * Before parsing, the bytes are checked as text: a UTF-8 byte-order mark is
 * skipped, CRLF line ends are accepted, and invalid UTF-8, NUL bytes and
 * other control characters are reported with their line and column.
 */
#ifndef RESPMAP_CSVREAD_H
#define RESPMAP_CSVREAD_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

struct csvread;

struct csvread_row {
	size_t		  index;	/* 0 is the header */
	size_t		  nfields;	/* as in the file, even past the kept ones */
	size_t		  nkept;	/* fields stored in fields[] */
	char		**fields;	/* NUL-terminated; valid during the call */
	size_t		 *lens;
	size_t		  line;		/* where the row begins */
	size_t		  offset;	/* byte offset of the row's start */
	struct csvread	 *reader;
	/* Lines in the whole file, known from the first row on: at most
	 * about how many rows are coming, for a caller sizing a table. */
	size_t		  file_lines;
	/* With csvread_parse_keep, past the header: where each kept field
	 * will be in buf once the call returns, to be stored as it is (not
	 * read: during the call buf still holds the row's own bytes).
	 * NULL otherwise. */
	const char	**kept;
};

/* Called once per row; returning false stops the file. */
typedef bool (*csvread_row_fn)(void *ctx, const struct csvread_row *row);

struct csvread_limits {
	size_t	max_field;	/* bytes in one field */
	size_t	max_fields;	/* fields kept per row */
	/* 0: libcsv is fed one physical line at a time. N > 0: each line is
	 * further cut into pieces of at most N bytes (and after a CR), which
	 * must change nothing: the fuzzer checks that the result is the same
	 * however the bytes arrive, as libcsv is an incremental parser. */
	size_t	chunk;
	/* When not NULL, called as each field is read (or only field k of
	 * each row, after csvread_watch_field), before its row is complete,
	 * with the field as it will be in the row: a caller can start on
	 * what the row will need (fetch memory) while libcsv reads the rest
	 * of it. */
	void	(*field_read)(void *ctx, size_t row, size_t k,
		    const char *field, size_t len);
};

/* Parse len bytes of file name, reporting problems into d and rows to fn.
 * Returns the number of rows (header included) or 0 when the file had no
 * row at all. Problems of the text itself do not stop the parse, so that
 * one run finds them all. */
size_t csvread_parse(const char *name, const char *buf, size_t len,
    const struct csvread_limits *lim, struct diags *d, csvread_row_fn fn,
    void *ctx);

/* Like csvread_parse, but each row's fields are then moved into buf
 * itself, over bytes already read, and row->kept says where: a caller that
 * owns buf keeps the strings of a large file without copying them, and
 * the memory of the file is all they take. buf is changed; only where the
 * rows were. When the text has a problem, nothing is kept (kept is NULL)
 * and buf is left as it was. */
size_t csvread_parse_keep(const char *name, char *buf, size_t len,
    const struct csvread_limits *lim, struct diags *d, csvread_row_fn fn,
    void *ctx);

/* From the next field on, call lim->field_read for field k of each row
 * only, not for every field: for a row callback that has read the header
 * and knows which column it wants early. */
void csvread_watch_field(struct csvread *r, size_t k);

/* Line and column (1-based, in characters) where field k of a row starts;
 * past the last field, where the row ends. */
void csvread_field_pos(const struct csvread_row *row, size_t k,
    size_t *line, size_t *col);

/* The same for a row known only by its offset and line in buf, after the
 * parse: for problems found once the whole file has been read. */
void csvread_locate(const char *buf, size_t len, size_t row_offset,
    size_t row_line, size_t k, size_t *line, size_t *col);

/* Report a problem at field k of a row. */
void csvread_error(const struct csvread_row *row, size_t k, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));

#endif
