/*
 * The loader, one error class at a time: a small valid data set is the
 * base, each test breaks one thing in it and checks that the problem is
 * reported at its exact FILE:LINE:COLUMN, that the load fails, and that
 * nothing else is reported (so that cascades of false problems show up).
 */
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diag.h"
#include "load.h"
#include "model.h"
#include "xalloc.h"
#include "testutil.h"

/* ------------------------------------------------------------ data */

#define DATASET \
	"key,value\n" \
	"name,Test\n" \
	"provider,Prov\n" \
	"provider_heading,of the cloud\n" \
	"customer,Cust\n" \
	"customer_heading,in the cloud\n"

#define SOURCES \
	"id,title,location\n" \
	"s1,Source one,doc.md#one\n" \
	"s2,Source two,\n"

#define TOPICS_HEADER \
	"id,parent,title,short,aliases,layout,inherits,summary,source\n"
#define TOPICS \
	TOPICS_HEADER \
	"root,,Root,,top,,,The root.,s1\n" \
	"child,root,Child,,,list,,,s1\n" \
	"mx,root,Matrix,,,matrix,,,s2\n" \
	"svc,root,Service,,,,child,,s2\n"

#define ITEMS_HEADER "id,topic,party,group,label,text,source\n"
#define ITEMS \
	ITEMS_HEADER \
	"i1,root,provider,,,Physical security,s1\n" \
	"i2,root,customer,,,Data,s1\n" \
	"i3,child,shared,,,Patching,s2\n" \
	"i4,svc,customer,,,Config,s2\n"

#define LAYERS \
	"id,title,summary,source\n" \
	"hw,Hardware,,s1\n" \
	"app,Application,,s2\n"

#define MATRIX_HEADER "layer,topic,party,cites,note\n"
#define MATRIX \
	MATRIX_HEADER \
	"hw,svc,provider,i1,\n" \
	"app,svc,customer,i2 i4,\n" \
	"hw,child,provider,i1,\n" \
	"app,child,unstated,,\n"

static const char *const base[] = {
	"dataset.csv", DATASET,
	"sources.csv", SOURCES,
	"topics.csv", TOPICS,
	"items.csv", ITEMS,
	"layers.csv", LAYERS,
	"matrix.csv", MATRIX,
	NULL
};

/* As contents in an override: leave the file out of the data set. */
static const char DROP[] = "(drop)";
/* As contents: a directory (test_load_files makes one for NULL). */
#define DIR_ENTRY NULL

#define MAX_PAIRS 32

/* The base data set with some files replaced, added or dropped; over is
 * (name, contents) pairs, NULL-terminated. */
static const char **
variant(const char *const *over)
{
	static const char *v[MAX_PAIRS * 2 + 1];
	size_t n = 0, i, j;

	for (i = 0; base[i] != NULL; i += 2) {
		v[n++] = base[i];
		v[n++] = base[i + 1];
	}
	for (j = 0; over != NULL && over[j] != NULL; j += 2) {
		for (i = 0; i < n; i += 2)
			if (strcmp(v[i], over[j]) == 0)
				break;
		if (i == n) {
			assert_true(n + 2 < MAX_PAIRS * 2);
			n += 2;
		}
		v[i] = over[j];
		v[i + 1] = over[j + 1];
	}
	for (i = 0; i < n; ) {
		if (v[i + 1] == DROP) {
			memmove(&v[i], &v[i + 2], (n - i - 2) * sizeof *v);
			n -= 2;
		} else
			i += 2;
	}
	v[n] = NULL;
	return v;
}

/* Load the base data set with over applied, from a directory. */
static int
load(const char *const *over, char **errors)
{
	return test_load_files(variant(over), errors, NULL);
}

/* The same, keeping the model. */
static struct model *
load_model(const char *const *over, char **errors)
{
	struct model *m = NULL;

	if (test_load_files(variant(over), errors, &m) != 0)
		return NULL;
	return m;
}

/* Remove every occurrence of prefix from s. */
static void
strip(char *s, const char *prefix)
{
	size_t pl = strlen(prefix);
	char *q;

	while ((q = strstr(s, prefix)) != NULL)
		memmove(q, q + pl, strlen(q + pl) + 1);
}

/* Load files held in memory with options o (NULL: the defaults); the
 * label is stripped from the messages, as test_load_files does. */
static int
load_mem_files(const struct load_file *files, size_t n,
    const struct load_opts *o, char **errors)
{
	struct diags d;
	struct model *m;

	diags_init(&d, 0);
	m = load_files(files, n, "mem", o, &d);
	*errors = diags_join(&d);
	strip(*errors, "mem/");
	diags_free(&d);
	model_free(m);
	return m != NULL ? 0 : -1;
}

/* Pairs to in-memory files; returns how many. */
static size_t
to_files(const char *const *pairs, struct load_file *files)
{
	size_t n = 0, i;

	for (i = 0; pairs[i] != NULL; i += 2, n++) {
		assert_true(n < MAX_PAIRS);
		files[n].name = pairs[i];
		files[n].data = (const unsigned char *)pairs[i + 1];
		files[n].len = strlen(pairs[i + 1]);
	}
	return n;
}

static int
load_mem(const char *const *over, const struct load_opts *o, char **errors)
{
	struct load_file files[MAX_PAIRS];

	return load_mem_files(files, to_files(variant(over), files), o,
	    errors);
}

/* Load from a directory with options o; when lock names a file, it is
 * made unreadable first. */
static int
load_dir_opts(const char *const *over, const struct load_opts *o,
    const char *lock, char **errors)
{
	char dir[] = "/tmp/respmap-tload-XXXXXX";
	const char **pairs = variant(over);
	struct diags d;
	struct model *m;
	size_t i;
	char *p, *prefix;
	FILE *fp;

	/* abort(), not a cmocka assertion: this also runs in a child. */
	if (mkdtemp(dir) == NULL)
		abort();
	for (i = 0; pairs[i] != NULL; i += 2) {
		p = xasprintf("%s/%s", dir, pairs[i]);
		fp = fopen(p, "wb");
		if (fp == NULL)
			abort();
		fwrite(pairs[i + 1], 1, strlen(pairs[i + 1]), fp);
		fclose(fp);
		if (lock != NULL && strcmp(pairs[i], lock) == 0)
			chmod(p, 0);
		free(p);
	}
	diags_init(&d, 0);
	m = load_dir(dir, o, &d);
	*errors = diags_join(&d);
	prefix = xasprintf("%s/", dir);
	strip(*errors, prefix);
	free(prefix);
	diags_free(&d);
	model_free(m);
	for (i = 0; pairs[i] != NULL; i += 2) {
		p = xasprintf("%s/%s", dir, pairs[i]);
		remove(p);
		free(p);
	}
	rmdir(dir);
	return m != NULL ? 0 : -1;
}

/* ------------------------------------------------------- assertions */

#define assert_has(errors, s) do {					\
	if (strstr((errors), (s)) == NULL)				\
		fail_msg("expected \"%s\" among the problems:\n%s",	\
		    (s), (errors));					\
} while (0)

#define assert_lacks(errors, s) do {					\
	if (strstr((errors), (s)) != NULL)				\
		fail_msg("did not expect \"%s\" among the problems:\n%s", \
		    (s), (errors));					\
} while (0)

static size_t
count_lines(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (*s == '\n')
			n++;
	return n;
}

#define assert_lines(errors, n) do {					\
	if (count_lines(errors) != (size_t)(n))				\
		fail_msg("expected %zu problems, got %zu:\n%s",		\
		    (size_t)(n), count_lines(errors), (errors));	\
} while (0)

/* Load must fail with exactly one problem, containing want. */
static void
expect_one(const char *const *over, const char *want)
{
	char *errors;

	assert_int_equal(load(over, &errors), -1);
	assert_has(errors, want);
	assert_lines(errors, 1);
	free(errors);
}

/* Load must succeed with no problem at all. */
static void
expect_ok(const char *const *over)
{
	char *errors;

	if (load(over, &errors) != 0)
		fail_msg("the data set did not load:\n%s", errors);
	assert_string_equal(errors, "");
	free(errors);
}

/* ------------------------------------------------------- valid sets */

static void
test_valid_set_loads(void **state)
{
	struct model *m;
	char *errors;
	const struct model_topic *svc, *child;

	(void)state;
	m = load_model(NULL, &errors);
	if (m == NULL) {
		fail_msg("the base data set did not load:\n%s", errors);
		return;
	}
	assert_string_equal(errors, "");
	assert_int_equal(m->nsources, 2);
	assert_int_equal(m->ntopics, 4);
	assert_int_equal(m->nitems, 4);
	assert_int_equal(m->nlayers, 2);
	assert_int_equal(m->ncolumns, 2);
	assert_int_equal(m->nroots, 1);
	assert_string_equal(m->meta.name, "Test");
	assert_string_equal(m->meta.provider_heading, "of the cloud");
	assert_string_equal(m->meta.description, "");
	svc = model_find_topic(m, "svc");
	child = model_find_topic(m, "child");
	assert_non_null(svc);
	assert_ptr_equal(svc->inherits, child);
	assert_ptr_equal(model_find_topic(m, "top"), m->roots[0]);
	assert_int_equal(m->roots[0]->nchildren, 3);
	assert_int_equal(child->layout, MODEL_LAYOUT_LIST);
	assert_int_equal(m->items[2]->party, MODEL_SHARED);
	assert_int_equal(model_cell(m, 1, (size_t)model_column_index(m,
	    svc))->ncites, 2);
	assert_int_equal(model_cell(m, 1, (size_t)model_column_index(m,
	    child))->party, MODEL_UNSTATED);
	model_free(m);
	free(errors);
}

static void
test_valid_set_without_matrix_loads(void **state)
{
	const char *const over[] = {
		"layers.csv", DROP, "matrix.csv", DROP,
		"topics.csv", TOPICS_HEADER
		    "root,,Root,,,,,,s1\n"
		    "mx,root,Not a matrix,,,myth,,,s2\n",
		"items.csv", ITEMS_HEADER
		    "i1,mx,provider,,,Text,s1\n",
		NULL
	};
	struct model *m;
	char *errors;

	(void)state;
	m = load_model(over, &errors);
	if (m == NULL) {
		fail_msg("did not load:\n%s", errors);
		return;
	}
	assert_string_equal(errors, "");
	assert_int_equal(m->ntopics, 2);
	assert_int_equal(m->nitems, 1);
	assert_int_equal(m->nlayers, 0);
	assert_int_equal(m->ncolumns, 0);
	model_free(m);
	free(errors);
}

static void
test_builtin_loads(void **state)
{
	const struct model *m = test_builtin_model();

	(void)state;
	assert_non_null(m);
	assert_true(m->ntopics > 10);
	assert_true(m->nitems > 100);
	assert_true(m->nsources > 10);
	assert_true(m->nlayers > 0);
	assert_true(m->ncolumns > 0);
	assert_non_null(model_find_topic(m, "overview"));
}

/* ------------------------------------------------------ CSV syntax */

static void
test_csv_stray_quote(void **state)
{
	const char *const over[] = { "items.csv", ITEMS_HEADER
	    "i1,root,provider,,,Physical security,s1\n"
	    "i2,root,customer,,,Data,s1\n"
	    "i3,child,shared,,,Pat\"ching,s2\n"
	    "i4,svc,customer,,,Config,s2\n"
	    "i5,root,client,,,x,s1\n", NULL };
	char *errors;

	(void)state;
	assert_int_equal(load(over, &errors), -1);
	/* The quote, not the field: column 22 of line 4. */
	assert_has(errors, "items.csv:4:22: stray quote");
	/* The rows after a malformed one are still checked. */
	assert_has(errors, "items.csv:6:9: invalid party 'client'");
	assert_lines(errors, 2);
	free(errors);
}

static void
test_csv_text_after_closing_quote(void **state)
{
	const char *const over[] = { "items.csv", ITEMS_HEADER
	    "i1,root,provider,,,Physical security,s1\n"
	    "i2,root,customer,,,Data,s1\n"
	    "i3,child,shared,,,\"Patching\" x,s2\n"
	    "i4,svc,customer,,,Config,s2\n", NULL };

	(void)state;
	/* Spaces may follow the quote; the x may not. */
	expect_one(over, "items.csv:4:30: unexpected character after a "
	    "closing quote");
}

static void
test_csv_unclosed_quote_at_eof(void **state)
{
	const char *const over[] = { "topics.csv", TOPICS
	    "extra,root,Extra,,,,,\"never closed,s1\n"
	    "more,root,More,,,,,,s1\n", NULL };

	(void)state;
	expect_one(over, "topics.csv:6:22: quoted field is never closed");
}

static void
test_csv_malformed_header(void **state)
{
	const char *const over[] = { "sources.csv",
	    "id,ti\"tle,location\n"
	    "s1,Source one,doc.md#one\n"
	    "s2,Source two,\n", NULL };
	const char *const over2[] = { "layers.csv",
	    "id,title,summary,\"source\n"
	    "hw,Hardware,,s1\n", NULL };

	(void)state;
	/* The next row is not taken for the header. */
	expect_one(over, "sources.csv:1:6: stray quote");
	/* A file whose one row never ends is not empty. */
	expect_one(over2, "layers.csv:1:18: quoted field is never closed");
}

static void
test_csv_ragged_rows(void **state)
{
	const char *const over[] = { "items.csv", ITEMS_HEADER
	    "i1,root,provider,,,Physical security,s1\n"
	    "i2,root,customer\n"
	    "i3,child,shared,,,Patching,s2,extra,more\n"
	    "i4,svc,customer,,,Config,s2\n", NULL };
	char *errors;

	(void)state;
	assert_int_equal(load(over, &errors), -1);
	/* Too few: where the row ends. */
	assert_has(errors, "items.csv:3:17: this row has 3 fields, the "
	    "header has 7");
	/* Too many: at the first field past the header's. */
	assert_has(errors, "items.csv:4:31: this row has 9 fields, the "
	    "header has 7");
	/* Dropped rows leave their items unknown to the matrix. */
	assert_has(errors, "matrix.csv:3:18: unknown item 'i2'");
	assert_lines(errors, 3);
	free(errors);
}

/* ---------------------------------------------------------- headers */

static void
test_header_unknown_column(void **state)
{
	const char *const over[] = { "sources.csv",
	    "id,title,url\n"
	    "s1,Source one,x\n", NULL };
	char *errors;

	(void)state;
	assert_int_equal(load(over, &errors), -1);
	assert_has(errors, "sources.csv:1:10: unknown column 'url' (the "
	    "columns of sources.csv are: id, title, location)");
	/* An unreadable sources.csv is not reported again, row by row,
	 * in the files that refer to it. */
	assert_lines(errors, 1);
	free(errors);
}

static void
test_header_duplicate_column(void **state)
{
	const char *const over[] = { "layers.csv",
	    "id,title,summary,source,title\n"
	    "hw,Hardware,,s1,x\n", NULL };
	char *errors;

	(void)state;
	assert_int_equal(load(over, &errors), -1);
	assert_has(errors, "layers.csv:1:25: column 'title' appears twice");
	free(errors);
}

static void
test_header_missing_column(void **state)
{
	const char *const over[] = { "items.csv",
	    "id,topic,group,label,text\n"
	    "i1,root,,,Text\n", NULL };
	char *errors;

	(void)state;
	assert_int_equal(load(over, &errors), -1);
	assert_has(errors, "items.csv:1:1: missing column 'party'");
	assert_has(errors, "items.csv:1:1: missing column 'source'");
	/* The matrix cites items that could not be read: no cascade. */
	assert_lacks(errors, "matrix.csv");
	assert_lines(errors, 2);
	free(errors);
}

/* ----------------------------------------------------------- values */

static void
test_bad_party(void **state)
{
	const char *const over[] = {
		"items.csv", ITEMS_HEADER
		    "i1,root,provider,,,Physical security,s1\n"
		    "i2,root,customer,,,Data,s1\n"
		    "i3,child,AWS,,,Patching,s2\n"
		    "i4,svc,customer,,,Config,s2\n",
		"matrix.csv", MATRIX_HEADER
		    "hw,svc,provider,i1,\n"
		    "app,svc,customer,i2 i4,\n"
		    "hw,child,provider,i1,\n"
		    "app,child,nobody,,\n",
		NULL
	};
	char *errors;

	(void)state;
	assert_int_equal(load(over, &errors), -1);
	assert_has(errors, "items.csv:4:10: invalid party 'AWS' (expected "
	    "provider, customer, shared)");
	assert_has(errors, "matrix.csv:5:11: invalid party 'nobody'");
	/* The rejected matrix row leaves its cell missing. */
	assert_has(errors, "matrix.csv: no cell for layer 'app' (layers.csv "
	    "line 3) and topic 'child'");
	assert_lines(errors, 3);
	free(errors);
}

static void
test_unstated_only_in_matrix(void **state)
{
	const char *const over[] = { "items.csv", ITEMS_HEADER
	    "i1,root,provider,,,Physical security,s1\n"
	    "i2,root,customer,,,Data,s1\n"
	    "i3,child,unstated,,,Patching,s2\n"
	    "i4,svc,customer,,,Config,s2\n", NULL };

	(void)state;
	expect_one(over, "items.csv:4:10: invalid party 'unstated'");
}

static void
test_bad_layout(void **state)
{
	const char *const over[] = { "topics.csv", TOPICS_HEADER
	    "root,,Root,,top,,,The root.,s1\n"
	    "child,root,Child,,,grid,,,s1\n"
	    "mx,root,Matrix,,,matrix,,,s2\n"
	    "svc,root,Service,,,,child,,s2\n", NULL };

	(void)state;
	expect_one(over, "topics.csv:3:20: invalid layout 'grid' (expected "
	    "columns, list, myth or matrix)");
}

static void
test_bad_id_syntax(void **state)
{
	const char *const over[] = {
		"sources.csv", SOURCES "S3,Upper,\n",
		"topics.csv", TOPICS
		    "-lead,root,Bad,,,,,,s1\n"
		    "ok,root,Ok,,fine Not_Ok,,,,s1\n",
		"items.csv", ITEMS "i 5,root,provider,,,x,s1\n",
		"layers.csv", LAYERS "hw/2,Bad,,s1\n",
		NULL
	};
	char *errors;

	(void)state;
	assert_int_equal(load(over, &errors), -1);
	assert_has(errors, "sources.csv:4:1: invalid source id 'S3'");
	assert_has(errors, "topics.csv:6:1: invalid topic id '-lead'");
	assert_has(errors, "topics.csv:7:13: invalid alias 'Not_Ok'");
	assert_has(errors, "items.csv:6:1: invalid item id 'i 5'");
	assert_has(errors, "layers.csv:4:1: invalid layer id 'hw/2'");
	assert_lines(errors, 5);
	free(errors);
}

static void
test_empty_required_field(void **state)
{
	const char *const over[] = {
		"dataset.csv", DATASET "description,\n",
		"items.csv", ITEMS_HEADER
		    "i1,root,provider,,,Physical security,s1\n"
		    "i2,root,customer,,,,s1\n"
		    "i3,child,shared,,,Patching,s2\n"
		    "i4,svc,customer,,,Config,\n",
		NULL
	};
	char *errors;

	(void)state;
	assert_int_equal(load(over, &errors), -1);
	assert_has(errors, "dataset.csv:7:13: empty value (this column is "
	    "required)");
	assert_has(errors, "items.csv:3:20: empty text (this column is "
	    "required)");
	assert_has(errors, "items.csv:5:26: empty source (this column is "
	    "required)");
	/* Rows with an empty required field are dropped: the matrix
	 * cannot find them. */
	assert_has(errors, "matrix.csv:3:18: unknown item 'i2'");
	assert_has(errors, "matrix.csv:3:18: unknown item 'i4'");
	assert_lines(errors, 5);
	free(errors);
}

static void
test_dataset_keys(void **state)
{
	const char *const over[] = { "dataset.csv",
	    "key,value\n"
	    "name,Test\n"
	    "provider,Prov\n"
	    "colour,blue\n"
	    "name,Again\n", NULL };
	char *errors;

	(void)state;
	assert_int_equal(load(over, &errors), -1);
	assert_has(errors, "dataset.csv:4:1: unknown key 'colour'");
	assert_has(errors, "dataset.csv:5:1: key 'name' is set twice (first "
	    "at line 2)");
	assert_has(errors, "dataset.csv: missing key 'provider_heading'");
	assert_has(errors, "dataset.csv: missing key 'customer'");
	assert_has(errors, "dataset.csv: missing key 'customer_heading'");
	assert_lines(errors, 5);
	free(errors);
}

/* ------------------------------------------------------- references */

static void
test_unknown_topic_in_items(void **state)
{
	const char *const over[] = { "items.csv", ITEMS
	    "i5,nowhere,provider,,,x,s1\n"
	    "i6,top,provider,,,x,s1\n", NULL };
	char *errors;

	(void)state;
	assert_int_equal(load(over, &errors), -1);
	assert_has(errors, "items.csv:6:4: unknown topic 'nowhere' (not in "
	    "topics.csv)");
	/* Data names topics by id: an alias is pointed out as such. */
	assert_has(errors, "items.csv:7:4: 'top' is an alias; use the topic "
	    "id 'root'");
	assert_lines(errors, 2);
	free(errors);
}

static void
test_unknown_source(void **state)
{
	const char *const over[] = {
		"topics.csv", TOPICS "extra,root,Extra,,,,,,s9\n",
		"items.csv", ITEMS "i5,root,provider,,,x,nope\n",
		"layers.csv", LAYERS "db,Database,,s7\n",
		"matrix.csv", MATRIX
		    "db,svc,provider,i1,\n"
		    "db,child,provider,i1,\n",
		NULL
	};
	char *errors;

	(void)state;
	assert_int_equal(load(over, &errors), -1);
	assert_has(errors, "topics.csv:6:23: unknown source 's9' (not in "
	    "sources.csv)");
	assert_has(errors, "items.csv:6:22: unknown source 'nope'");
	assert_has(errors, "layers.csv:4:14: unknown source 's7'");
	assert_lines(errors, 3);
	free(errors);
}

static void
test_unknown_parent(void **state)
{
	const char *const over[] = { "topics.csv", TOPICS
	    "extra,root nope,Extra,,,,,,s1\n", NULL };

	(void)state;
	expect_one(over, "topics.csv:6:7: unknown topic 'nope' in parent");
}

static void
test_unknown_inherits(void **state)
{
	const char *const over[] = { "topics.csv", TOPICS
	    "extra,root,Extra,,,,gone,,s1\n", NULL };

	(void)state;
	expect_one(over, "topics.csv:6:21: unknown topic 'gone' in inherits");
}

static void
test_unknown_cited_item(void **state)
{
	const char *const over[] = { "matrix.csv", MATRIX_HEADER
	    "hw,svc,provider,i1,\n"
	    "app,svc,customer,i2 i9 i4,\n"
	    "hw,child,provider,i1,\n"
	    "app,child,unstated,,\n", NULL };

	(void)state;
	expect_one(over, "matrix.csv:3:18: unknown item 'i9' (not in "
	    "items.csv)");
}

static void
test_unknown_matrix_layer_and_topic(void **state)
{
	const char *const over[] = { "matrix.csv", MATRIX
	    "os,svc,provider,i1,\n"
	    "hw,ghost,provider,i1,\n", NULL };
	char *errors;

	(void)state;
	assert_int_equal(load(over, &errors), -1);
	assert_has(errors, "matrix.csv:6:1: unknown layer 'os' (not in "
	    "layers.csv)");
	assert_has(errors, "matrix.csv:7:4: unknown topic 'ghost'");
	assert_lines(errors, 2);
	free(errors);
}

static void
test_matrix_cell_must_cite(void **state)
{
	const char *const over[] = { "matrix.csv", MATRIX_HEADER
	    "hw,svc,provider,i1,\n"
	    "app,svc,customer,,\n"
	    "hw,child,provider,i1,\n"
	    "app,child,unstated,,\n", NULL };

	(void)state;
	expect_one(over, "matrix.csv:3:18: a cell that names a party must "
	    "cite");
}

/* ------------------------------------------------------- duplicates */

static void
test_duplicate_topic_id(void **state)
{
	const char *const over[] = { "topics.csv", TOPICS
	    "child,,Again,,,,,,s1\n"
	    "top,,Alias,,,,,,s1\n", NULL };
	char *errors;

	(void)state;
	assert_int_equal(load(over, &errors), -1);
	assert_has(errors, "topics.csv:6:1: duplicate topic id 'child' "
	    "(first defined at line 3)");
	assert_has(errors, "topics.csv:7:1: topic id 'top' is already an "
	    "alias of topic 'root'");
	assert_lines(errors, 2);
	free(errors);
}

static void
test_duplicate_item_id(void **state)
{
	const char *const over[] = { "items.csv", ITEMS
	    "i3,root,provider,,,Again,s1\n", NULL };

	(void)state;
	expect_one(over, "items.csv:6:1: duplicate item id 'i3' (first "
	    "defined at line 4)");
}

static void
test_duplicate_source_id(void **state)
{
	const char *const over[] = { "sources.csv", SOURCES
	    "s1,Again,\n", NULL };

	(void)state;
	expect_one(over, "sources.csv:4:1: duplicate source id 's1' (first "
	    "defined at line 2)");
}

static void
test_duplicate_layer_id(void **state)
{
	const char *const over[] = { "layers.csv", LAYERS
	    "app,Again,,s1\n", NULL };

	(void)state;
	expect_one(over, "layers.csv:4:1: duplicate layer id 'app' (first "
	    "defined at line 3)");
}

static void
test_duplicate_matrix_cell(void **state)
{
	const char *const over[] = { "matrix.csv", MATRIX
	    "hw,svc,customer,i2,\n", NULL };

	(void)state;
	expect_one(over, "matrix.csv:6:4: a second cell for layer 'hw' and "
	    "topic 'svc' (the first is at line 2)");
}

/* ----------------------------------------------------------- cycles */

static void
test_cycle_two_topics(void **state)
{
	const char *const over[] = { "topics.csv", TOPICS
	    "a,b,A,,,,,,s1\n"
	    "b,a,B,,,,,,s1\n", NULL };

	(void)state;
	expect_one(over, "topics.csv:7:3: cycle in the topic tree: "
	    "a -> b -> a");
}

static void
test_cycle_self_parent(void **state)
{
	const char *const over[] = { "topics.csv", TOPICS
	    "loop,root loop,Loop,,,,,,s1\n", NULL };

	(void)state;
	expect_one(over, "topics.csv:6:6: cycle in the topic tree: "
	    "loop -> loop");
}

/* A ring of ten topics with 64-byte ids, each the parent of the one
 * before: more names than a message holds. It ends visibly cut, after
 * whole ids, with a count of the rest, not in the middle of an id. */
static void
test_cycle_long_message_ends_with_count(void **state)
{
	const char *over[] = { "topics.csv", NULL, NULL };
	char *topics = xstrdup(TOPICS), *more, *errors, *line, *p;
	size_t i, ids = 0;

	(void)state;
	for (i = 0; i < 10; i++) {
		more = xasprintf("%sring%059zu,ring%059zu,Ring,,,,,,s1\n",
		    topics, i, (i + 1) % 10);
		free(topics);
		topics = more;
	}
	over[1] = topics;
	assert_int_equal(load(over, &errors), -1);
	assert_lines(errors, 1);
	line = strstr(errors, "cycle in the topic tree: ");
	if (line == NULL) {
		fail_msg("no cycle among the problems:\n%s", errors);
		abort();
	}
	line += strlen("cycle in the topic tree: ");
	/* Whole ids, each followed by " -> ", then the count. */
	for (p = line; strncmp(p, "ring", 4) == 0; p += 63 + 4) {
		if (strncmp(p + 63, " -> ", 4) != 0)
			fail_msg("an id cut short:\n%s", errors);
		ids++;
	}
	if (ids < 2 || ids >= 10 || strncmp(p, "... (", 5) != 0)
		fail_msg("not cut after whole ids:\n%s", errors);
	more = xasprintf("... (%zu more)\n", 10 - ids);
	assert_string_equal(p, more);
	free(more);
	free(errors);
	free(topics);
}

static void
test_self_inherits(void **state)
{
	const char *const over[] = { "topics.csv", TOPICS
	    "same,root,Same,,,,same,,s1\n", NULL };

	(void)state;
	expect_one(over, "topics.csv:6:19: topic 'same' inherits from "
	    "itself");
}

/* ------------------------------------------------------------- text */

/* items.csv with the text of item i2 (line 3, column 20) replaced. */
#define ITEMS_TEXT(t) ITEMS_HEADER \
	"i1,root,provider,,,Physical security,s1\n" \
	"i2,root,customer,,," t ",s1\n" \
	"i3,child,shared,,,Patching,s2\n" \
	"i4,svc,customer,,,Config,s2\n"

static void
test_utf8_invalid_byte(void **state)
{
	const char *const over[] = { "items.csv", ITEMS_TEXT("Da\xFFta"),
	    NULL };

	(void)state;
	expect_one(over, "items.csv:3:22: invalid UTF-8 (byte 0xFF)");
}

static void
test_utf8_overlong(void **state)
{
	/* C0 AF would be '/' in two bytes: never valid, byte by byte. */
	const char *const over[] = { "items.csv", ITEMS_TEXT("a\xC0\xAF"),
	    NULL };
	char *errors;

	(void)state;
	assert_int_equal(load(over, &errors), -1);
	assert_has(errors, "items.csv:3:21: invalid UTF-8 (byte 0xC0)");
	assert_has(errors, "items.csv:3:22: invalid UTF-8 (byte 0xAF)");
	assert_lines(errors, 2);
	free(errors);
}

static void
test_utf8_truncated_at_eof(void **state)
{
	/* Cut short by the end of the file, with no line end. */
	const char *const over[] = { "sources.csv", SOURCES "s3,x,y\xE2\x82",
	    NULL };
	char *errors;

	(void)state;
	assert_int_equal(load(over, &errors), -1);
	assert_has(errors, "sources.csv:4:7: invalid UTF-8 (byte 0xE2)");
	/* A byte that is not UTF-8 is a column of its own. */
	assert_has(errors, "sources.csv:4:8: invalid UTF-8 (byte 0x82)");
	assert_lines(errors, 2);
	free(errors);
}

static void
test_control_esc_bel(void **state)
{
	const char *const over[] = { "items.csv",
	    ITEMS_TEXT("\x1B[31mred\x07"), NULL };
	char *errors;

	(void)state;
	assert_int_equal(load(over, &errors), -1);
	assert_has(errors, "items.csv:3:20: control character U+001B");
	assert_has(errors, "items.csv:3:28: control character U+0007");
	assert_lines(errors, 2);
	free(errors);
}

static void
test_nul_byte(void **state)
{
	static const char items[] = ITEMS_TEXT("Da\0ta");
	struct load_file files[MAX_PAIRS];
	size_t n, i;
	char *errors;

	(void)state;
	n = to_files(variant(NULL), files);
	for (i = 0; i < n; i++)
		if (strcmp(files[i].name, "items.csv") == 0) {
			files[i].data = (const unsigned char *)items;
			files[i].len = sizeof items - 1;
		}
	assert_int_equal(load_mem_files(files, n, NULL, &errors), -1);
	assert_has(errors, "items.csv:3:22: NUL byte");
	assert_lines(errors, 1);
	free(errors);
}

static void
test_c1_control(void **state)
{
	const char *const over[] = { "items.csv", ITEMS_TEXT("\xC3\xA9\xC2\x85"),
	    NULL };

	(void)state;
	expect_one(over, "items.csv:3:21: control character U+0085");
}

/* The reader checks two-byte UTF-8 without a call where no control can
 * be (U+00A0 to U+061B): the controls on either side are still found. */
static void
test_two_byte_controls(void **state)
{
	const char *const c1[] = { "items.csv",
	    ITEMS_TEXT("a\xC2\xA0\xD8\x9B\xC2\x9F"), NULL };
	const char *const alm[] = { "items.csv", ITEMS_TEXT("\xD8\x9C"),
	    NULL };

	(void)state;
	expect_one(c1, "items.csv:3:23: control character U+009F");
	expect_one(alm, "items.csv:3:20: control character U+061C");
}

static void
test_bidi_override(void **state)
{
	const char *const over[] = { "items.csv",
	    ITEMS_TEXT("abc\xE2\x80\xAEtxt.exe"), NULL };

	(void)state;
	expect_one(over, "items.csv:3:23: control character U+202E");
}

static void
test_tab_character(void **state)
{
	const char *const over[] = { "items.csv", ITEMS_TEXT("Da\tta"),
	    NULL };
	/* A tab before a quoted field: the comma in the quotes is no
	 * field boundary when placing the source that follows. */
	const char *const over2[] = { "items.csv", ITEMS
	    "i5,root,provider,,,\t\"Patch, ing\",zz\n", NULL };
	char *errors;

	(void)state;
	expect_one(over, "items.csv:3:22: tab character (use spaces)");
	assert_int_equal(load(over2, &errors), -1);
	assert_has(errors, "items.csv:6:20: tab character");
	assert_has(errors, "items.csv:6:34: unknown source 'zz'");
	assert_lines(errors, 2);
	free(errors);
}

static void
test_bare_carriage_return(void **state)
{
	/* A lone CR ends a row for the CSV parser, mid-line: a problem in
	 * the row after it is still placed on its line and column. */
	const char *const over[] = { "items.csv", ITEMS_HEADER
	    "i1,root,provider,,,Physical security,s1\n"
	    "i2,root,customer,,,Data,s1\r"
	    "i9,root,bogus,,,Text,s1\n"
	    "i3,child,shared,,,Patching,s2\n"
	    "i4,svc,customer,,,Config,s2\n", NULL };
	char *errors;

	(void)state;
	assert_int_equal(load(over, &errors), -1);
	assert_has(errors, "items.csv:3:27: carriage return without a line "
	    "feed");
	assert_has(errors, "items.csv:3:36: invalid party 'bogus'");
	assert_lines(errors, 2);
	free(errors);
}

static void
test_bom_accepted(void **state)
{
	const char *const over[] = {
		"dataset.csv", "\xEF\xBB\xBF" DATASET,
		"topics.csv", "\xEF\xBB\xBF" TOPICS,
		NULL
	};

	(void)state;
	expect_ok(over);
}

static void
test_bom_error_position(void **state)
{
	/* The mark takes no column. */
	const char *const over[] = { "sources.csv", "\xEF\xBB\xBF"
	    "id,title,url\n", NULL };

	(void)state;
	expect_one(over, "sources.csv:1:10: unknown column 'url'");
}

static void
test_bom_only_once(void **state)
{
	/* A second mark is text, and a control character. */
	const char *const over[] = { "sources.csv", SOURCES
	    "s3,\xEF\xBB\xBFx,\n", NULL };

	(void)state;
	expect_one(over, "sources.csv:4:4: control character U+FEFF");
}

static void
test_crlf_accepted(void **state)
{
	const char *const over[] = {
		"dataset.csv", "key,value\r\n"
		    "name,Test\r\n"
		    "provider,Prov\r\n"
		    "provider_heading,of the cloud\r\n"
		    "customer,Cust\r\n"
		    "customer_heading,in the cloud\r\n",
		"items.csv", ITEMS_HEADER
		    "i1,root,provider,,,\"Physical\r\nsecurity\",s1\r\n"
		    "i2,root,customer,,,Data,s1\r\n"
		    "i3,child,shared,,,Patching,s2\r\n"
		    "i4,svc,customer,,,Config,s2\r\n",
		NULL
	};
	struct model *m;
	char *errors;

	(void)state;
	m = load_model(over, &errors);
	if (m == NULL) {
		fail_msg("did not load:\n%s", errors);
		return;
	}
	assert_string_equal(m->meta.customer_heading, "in the cloud");
	assert_string_equal(m->items[3]->source->id, "s2");
	model_free(m);
	free(errors);
}

static void
test_crlf_error_position(void **state)
{
	const char *const over[] = { "items.csv",
	    "id,topic,party,group,label,text,source\r\n"
	    "i1,root,provider,,,Physical security,s1\r\n"
	    "i2,root,customer,,,Data,s1\r\n"
	    "i3,child,shared,,,\"Two\r\nlines\",s2\r\n"
	    "i4,svc,client,,,Config,s2\r\n"
	    "i5,svc,customer\r\n", NULL };
	char *errors;

	(void)state;
	assert_int_equal(load(over, &errors), -1);
	assert_has(errors, "items.csv:6:8: invalid party 'client'");
	/* The row ends before its CR. */
	assert_has(errors, "items.csv:7:16: this row has 3 fields");
	assert_lines(errors, 2);
	free(errors);
}

/* ------------------------------------------------------------ files */

static void
test_missing_file(void **state)
{
	const char *const over[] = { "sources.csv", DROP, NULL };
	char *errors;

	(void)state;
	assert_int_equal(load(over, &errors), -1);
	assert_has(errors, "sources.csv: missing file (a data set needs "
	    "dataset.csv, sources.csv, topics.csv and items.csv)");
	/* With no sources.csv, references to sources are not checked. */
	assert_lines(errors, 1);
	free(errors);
}

static void
test_missing_matrix_half(void **state)
{
	const char *const over[] = { "matrix.csv", DROP, NULL };
	char *errors;

	(void)state;
	assert_int_equal(load(over, &errors), -1);
	assert_has(errors, "matrix.csv: missing file (layers.csv and "
	    "matrix.csv go together)");
	/* Not also that topic mx has no matrix to show. */
	assert_lines(errors, 1);
	free(errors);
}

static void
test_empty_file(void **state)
{
	const char *const over[] = { "topics.csv", "", NULL };
	char *errors;

	(void)state;
	assert_int_equal(load(over, &errors), -1);
	assert_has(errors, "topics.csv: the file is empty (a table needs a "
	    "header row)");
	assert_lines(errors, 1);
	free(errors);
}

static void
test_blank_file(void **state)
{
	const char *const over[] = { "dataset.csv", "\n  \n\n", NULL };

	(void)state;
	expect_one(over, "dataset.csv: the file is empty");
}

static void
test_directory_for_file(void **state)
{
	const char *const over[] = { "items.csv", DIR_ENTRY, NULL };
	char *errors;

	(void)state;
	assert_int_equal(load(over, &errors), -1);
	assert_has(errors, "items.csv: is a directory, not a file");
	assert_lines(errors, 1);
	free(errors);
}

/* The check of an unreadable file; true when it is reported as such. */
static bool
unreadable_reported(void)
{
	char *errors;
	bool ok;

	ok = load_dir_opts(NULL, NULL, "topics.csv", &errors) == -1 &&
	    strstr(errors, "topics.csv: cannot open: ") != NULL &&
	    count_lines(errors) == 1;
	if (!ok)
		fprintf(stderr, "# the problems were:\n%s", errors);
	free(errors);
	return ok;
}

static void
test_unreadable_file(void **state)
{
	pid_t pid;
	int status;

	(void)state;
	if (geteuid() != 0) {
		assert_true(unreadable_reported());
		return;
	}
	/* root reads a mode 000 file: check as nobody, in a child. */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (setgroups(0, NULL) != 0 || setgid(65534) != 0 ||
		    setuid(65534) != 0 || geteuid() == 0)
			_exit(77);
		_exit(unreadable_reported() ? 0 : 1);
	}
	while (waitpid(pid, &status, 0) < 0)
		assert_int_equal(errno, EINTR);
	assert_true(WIFEXITED(status));
	if (WEXITSTATUS(status) == 77) {
		/* cmocka 1.1.5 prints a skip as "not ok # SKIP", which
		 * automake counts as a failure: say so, and pass. */
		print_message("# cannot drop root's privileges: the check of "
		    "an unreadable file is skipped\n");
		return;
	}
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void
test_not_a_regular_file(void **state)
{
	char dir[] = "/tmp/respmap-tload-XXXXXX";
	const char **pairs;
	struct diags d;
	struct model *m;
	size_t i;
	char *p, *errors;
	FILE *fp;

	(void)state;
	/* A FIFO must be refused, not waited on; and a symlink loop cannot
	 * be opened (even by root). */
	alarm(20);
	assert_non_null(mkdtemp(dir));
	pairs = variant((const char *const[]){ "topics.csv", DROP,
	    "items.csv", DROP, NULL });
	for (i = 0; pairs[i] != NULL; i += 2) {
		p = xasprintf("%s/%s", dir, pairs[i]);
		fp = fopen(p, "wb");
		assert_non_null(fp);
		fputs(pairs[i + 1], fp);
		fclose(fp);
		free(p);
	}
	p = xasprintf("%s/topics.csv", dir);
	assert_int_equal(mkfifo(p, 0600), 0);
	free(p);
	p = xasprintf("%s/items.csv", dir);
	assert_int_equal(symlink("items.csv", p), 0);
	free(p);
	diags_init(&d, 0);
	m = load_dir(dir, NULL, &d);
	alarm(0);
	assert_null(m);
	errors = diags_join(&d);
	p = xasprintf("%s/", dir);
	strip(errors, p);
	free(p);
	diags_free(&d);
	assert_has(errors, "topics.csv: is not a regular file");
	assert_has(errors, "items.csv: cannot open: ");
	assert_lines(errors, 2);
	free(errors);
	for (i = 0; base[i] != NULL; i += 2) {
		p = xasprintf("%s/%s", dir, base[i]);
		remove(p);
		free(p);
	}
	rmdir(dir);
}

static void
test_huge_file(void **state)
{
	struct load_opts o;
	char *errors;
	size_t n = strlen(TOPICS);
	char *want;

	(void)state;
	load_opts_default(&o);
	/* topics.csv is the largest file. */
	o.max_file = n - 1;
	want = xasprintf("topics.csv: the file is too large (%zu bytes; "
	    "the limit is %zu)", n, n - 1);
	/* In memory... */
	assert_int_equal(load_mem(NULL, &o, &errors), -1);
	assert_has(errors, want);
	/* Nothing is said about references to topics. */
	assert_lines(errors, 1);
	free(errors);
	/* ... and on disk. */
	assert_int_equal(load_dir_opts(NULL, &o, NULL, &errors), -1);
	assert_has(errors, want);
	assert_lines(errors, 1);
	free(errors);
	free(want);
}

/* ------------------------------------------------ several problems */

static void
test_all_problems_of_file_reported(void **state)
{
	const char *const over[] = { "items.csv", ITEMS
	    "i5,root,nobody,,,x,s1\n"
	    "i6,nowhere,provider,,,x,s1\n"
	    "I7,root,provider,,,x,s1\n", NULL };
	char *errors;

	(void)state;
	assert_int_equal(load(over, &errors), -1);
	assert_has(errors, "items.csv:6:9: invalid party 'nobody'");
	assert_has(errors, "items.csv:7:4: unknown topic 'nowhere'");
	assert_has(errors, "items.csv:8:1: invalid item id 'I7'");
	assert_lines(errors, 3);
	free(errors);
}

static void
test_problems_in_several_files(void **state)
{
	const char *const over[] = {
		"sources.csv", SOURCES "s1,Again,\n",
		"topics.csv", TOPICS "extra,root,Extra,,,bad,,,s1\n",
		"items.csv", ITEMS "i5,root,nobody,,,x,s1\n",
		NULL
	};
	char *errors;

	(void)state;
	assert_int_equal(load(over, &errors), -1);
	assert_has(errors, "sources.csv:4:1: duplicate source id 's1'");
	assert_has(errors, "topics.csv:6:20: invalid layout 'bad'");
	assert_has(errors, "items.csv:6:9: invalid party 'nobody'");
	assert_lines(errors, 3);
	free(errors);
}

static void
test_problem_cap(void **state)
{
	const char *const over[] = { "items.csv", ITEMS
	    "i5,root,p1,,,x,s1\n"
	    "i6,root,p2,,,x,s1\n"
	    "i7,root,p3,,,x,s1\n"
	    "i8,root,p4,,,x,s1\n"
	    "i9,root,p5,,,x,s1\n", NULL };
	struct load_opts o;
	char *errors;

	(void)state;
	load_opts_default(&o);
	o.max_problems = 2;
	assert_int_equal(load_mem(over, &o, &errors), -1);
	assert_string_equal(errors,
	    "items.csv:6:9: invalid party 'p1' (expected provider, customer, "
	    "shared)\n"
	    "items.csv:7:9: invalid party 'p2' (expected provider, customer, "
	    "shared)\n"
	    "items.csv: 3 more problems not shown\n");
	free(errors);
}

/* A count of problems past the limit too large for size_t (the missing
 * cells of a huge matrix on a 32-bit system) says "very many", not a
 * small number it wrapped around to. */
static void
test_dropped_count_saturates(void **state)
{
	struct diags d;
	char *text;

	(void)state;
	diags_init(&d, 1);
	diags_begin_file(&d, "matrix.csv");
	diags_add(&d, 2, 1, "a problem");
	assert_true(diags_full(&d));
	diags_count_dropped(&d, SIZE_MAX - 1);
	diags_count_dropped(&d, SIZE_MAX - 1);
	diags_end_file(&d);
	assert_true(d.total == SIZE_MAX);
	text = diags_join(&d);
	if (strstr(text, "more problems not shown") == NULL)
		fail_msg("no count of the problems not shown:\n%s", text);
	free(text);
	diags_free(&d);
}

static void
test_problem_cap_default(void **state)
{
	char *items = xstrdup(ITEMS), *p, *errors;
	const char *over[] = { "items.csv", NULL, NULL };
	size_t i;

	(void)state;
	/* Sixty bad ids, on lines 6 to 65: the default cap keeps 50. */
	for (i = 0; i < 60; i++) {
		p = xasprintf("%sX%zu,root,provider,,,x,s1\n", items, i);
		free(items);
		items = p;
	}
	over[1] = items;
	assert_int_equal(load(over, &errors), -1);
	assert_has(errors, "items.csv:6:1: invalid item id 'X0'");
	assert_has(errors, "items.csv:55:1: invalid item id 'X49'");
	assert_lacks(errors, "'X50'");
	assert_has(errors, "\nitems.csv: 10 more problems not shown\n");
	assert_lines(errors, 51);
	free(errors);
	free(items);
}

/* ------------------------------------------------------- positions */

static void
test_multiline_field_line_numbers(void **state)
{
	const char *const over[] = { "items.csv", ITEMS_HEADER
	    "i1,root,provider,,,\"Physical\n"
	    "\n"
	    "security, \"\"quoted\"\"\",s1\n"
	    "i2,root,customer,,,\"Data\nmore\",s1\n"
	    "i3,child,sharedd,,,Patching,s2\n"
	    "i4,svc,customer,,,\"Con\nfig\",zz\n"
	    "i5,root,provider,,,\"two\nlines\"x,s1\n"
	    "i6,root,provider,,,\"never\n\nclosed,s1\n", NULL };
	char *errors;

	(void)state;
	assert_int_equal(load(over, &errors), -1);
	assert_has(errors, "items.csv:7:10: invalid party 'sharedd'");
	/* A field after a line break inside a quoted field. */
	assert_has(errors, "items.csv:9:6: unknown source 'zz'");
	/* Malformed on the second line of its row. */
	assert_has(errors, "items.csv:11:7: unexpected character after a "
	    "closing quote");
	/* Where the quoted field began, lines before the end. */
	assert_has(errors, "items.csv:12:20: quoted field is never closed");
	assert_lines(errors, 4);
	free(errors);
}

static void
test_blank_lines_keep_positions(void **state)
{
	/* Blank lines, and lines of spaces only, hold no row. */
	const char *const over[] = { "items.csv", ITEMS_HEADER
	    "\n"
	    "i1,root,provider,,,Physical security,s1\n"
	    "   \n"
	    "i2,root,nobody,,,Data,s1\n"
	    "\n"
	    "i3,child,shared,,,Patching,s2\n"
	    "i4,svc,customer,,,Config,s2\n", NULL };

	(void)state;
	expect_one(over, "items.csv:5:9: invalid party 'nobody'");
}

static void
test_columns_count_characters(void **state)
{
	/* "Überprüfung" is 11 characters in 13 bytes, and the arrows three
	 * bytes each. */
	const char *const over[] = { "items.csv", ITEMS_HEADER
	    "i1,root,provider,,,Physical security,s1\n"
	    "i2,root,customer,\xC3\x9C" "berpr\xC3\xBC" "fung,,Data,s9\n"
	    "i3,child,shared,,\xE2\x86\x92\xE2\x86\x92,Patching,s2\n"
	    "i4,svc,customer,,,Config,s2\n"
	    "i5,root,customer,\xF0\x9F\x94\x92,,\"\xC3\xA9\",s2,x\n", NULL };
	char *errors;

	(void)state;
	assert_int_equal(load(over, &errors), -1);
	assert_has(errors, "items.csv:3:36: unknown source 's9'");
	assert_has(errors, "items.csv:6:28: this row has 8 fields");
	assert_lines(errors, 2);
	free(errors);
}

static void
test_columns_after_invalid_utf8(void **state)
{
	/* Each invalid byte is one column, for the text check and for the
	 * field positions alike. */
	const char *const over[] = { "items.csv",
	    ITEMS_TEXT("x\xC0\xAF" ",\xFF" "y,z"), NULL };
	char *errors;

	(void)state;
	assert_int_equal(load(over, &errors), -1);
	assert_has(errors, "items.csv:3:21: invalid UTF-8 (byte 0xC0)");
	assert_has(errors, "items.csv:3:22: invalid UTF-8 (byte 0xAF)");
	assert_has(errors, "items.csv:3:24: invalid UTF-8 (byte 0xFF)");
	assert_has(errors, "items.csv:3:27: this row has 9 fields");
	assert_has(errors, "matrix.csv:3:18: unknown item 'i2'");
	assert_lines(errors, 5);
	free(errors);
}

/* ----------------------------------------------------------- matrix */

static void
test_matrix_missing_cell(void **state)
{
	const char *const over[] = { "matrix.csv", MATRIX_HEADER
	    "hw,svc,provider,i1,\n"
	    "app,svc,customer,i2 i4,\n"
	    "hw,child,provider,i1,\n", NULL };

	(void)state;
	expect_one(over, "matrix.csv: no cell for layer 'app' (layers.csv "
	    "line 3) and topic 'child'");
}

static void
test_matrix_layout_without_matrix(void **state)
{
	const char *const over[] = { "layers.csv", DROP, "matrix.csv", DROP,
	    NULL };

	(void)state;
	expect_one(over, "topics.csv:4:1: topic 'mx' shows the matrix, but "
	    "layers.csv and matrix.csv define none");
}

static void
test_matrix_without_rows(void **state)
{
	const char *const over[] = { "matrix.csv", MATRIX_HEADER, NULL };

	(void)state;
	expect_one(over, "topics.csv:4:1: topic 'mx' shows the matrix, but "
	    "layers.csv and matrix.csv define none");
}

static void
test_matrix_shown_by_no_topic(void **state)
{
	const char *const over[] = { "topics.csv", TOPICS_HEADER
	    "root,,Root,,top,,,The root.,s1\n"
	    "child,root,Child,,,list,,,s1\n"
	    "mx,root,Matrix,,,,,,s2\n"
	    "svc,root,Service,,,,child,,s2\n", NULL };

	(void)state;
	expect_one(over, "topics.csv: the matrix is shown by no topic");
}

static void
test_matrix_cites_unreadable_items(void **state)
{
	/* When items.csv cannot be read, the matrix's citations cannot be
	 * checked: that is no reason to say the cells cite nothing. */
	const char *const over[] = { "items.csv", "id,topic\n", NULL };
	char *errors;

	(void)state;
	assert_int_equal(load(over, &errors), -1);
	assert_has(errors, "items.csv:1:1: missing column 'party'");
	assert_has(errors, "items.csv:1:1: missing column 'text'");
	assert_has(errors, "items.csv:1:1: missing column 'source'");
	assert_lacks(errors, "matrix.csv");
	assert_lines(errors, 3);
	free(errors);
}

/* --------------------------------------------------- hostile sizes */

static void
test_hostile_many_columns(void **state)
{
	size_t i, len = 0, cap = 0;
	char *header = NULL, *errors;
	const char *over[] = { "topics.csv", NULL, NULL };
	char name[16];
	int k;

	(void)state;
	for (i = 0; i < 10000; i++) {
		k = snprintf(name, sizeof name, "%sc%zu", i > 0 ? "," : "", i);
		header = xgrow(header, &cap, len + (size_t)k + 2, 1);
		memcpy(header + len, name, (size_t)k);
		len += (size_t)k;
	}
	header[len++] = '\n';
	header[len] = '\0';
	over[1] = header;
	assert_int_equal(load(over, &errors), -1);
	/* First, the columns past the 1024 read: c1024 is at column
	 * 1 + 10 * 3 + 90 * 4 + 900 * 5 + 24 * 6. */
	assert_has(errors, "topics.csv:1:5035: the header has 10000 columns; "
	    "only the first 1024 are read");
	assert_has(errors, "topics.csv:1:1: unknown column 'c0'");
	assert_has(errors, "topics.csv:1:4: unknown column 'c1'");
	/* c10 is at column 31, and each next one 4 columns on. */
	assert_has(errors, "topics.csv:1:183: unknown column 'c48'");
	assert_lacks(errors, "'c49'");
	/* 1024 unknown columns and the unread ones, 50 of them shown; no
	 * missing column, as any may be among the unread. */
	assert_has(errors, "\ntopics.csv: 975 more problems not shown\n");
	assert_lacks(errors, "missing column");
	/* The default cap of 50, the note, and nothing from the files
	 * that refer to topics. */
	assert_lines(errors, 51);
	free(errors);
	free(header);
}

/* A header with the table's columns after 1030 others: they are past the
 * fields read, so no "missing column" may be claimed for them. */
static void
test_header_past_columns_read(void **state)
{
	const char *over[] = { "items.csv", NULL, NULL };
	char *header = xstrdup(""), *longer, *errors;
	size_t i;

	(void)state;
	for (i = 0; i < 1030; i++) {
		longer = xasprintf("%sx%zu,", header, i % 10);
		free(header);
		header = longer;
	}
	over[1] = longer = xasprintf("%sid,topic,party,group,label,text,"
	    "source\n", header);
	assert_int_equal(load(over, &errors), -1);
	assert_has(errors, "items.csv:1:3073: the header has 1037 columns; "
	    "only the first 1024 are read (the columns of items.csv are: id, "
	    "topic, party, group, label, text, source)\n");
	assert_lacks(errors, "missing column");
	free(errors);
	free(longer);
	free(header);
}

static void
test_hostile_long_field(void **state)
{
	struct load_opts o;
	char *errors, *big, *items;
	const char *over[] = { "items.csv", NULL, NULL };

	(void)state;
	load_opts_default(&o);
	o.max_field = 40;
	over[1] = ITEMS "i5,root,provider,,,"
	    "0123456789012345678901234567890123456789X,s1\n";
	assert_int_equal(load_mem(over, &o, &errors), -1);
	/* Only that: the field is not also taken as empty. */
	assert_string_equal(errors, "items.csv:6:20: field is too long "
	    "(41 bytes; the limit is 40)\n");
	free(errors);
	/* A too long id: no cascade of unknown items in the matrix. */
	over[1] = ITEMS_HEADER
	    "i1,root,provider,,,Physical security,s1\n"
	    "i2-0123456789012345678901234567890123456789,root,customer,,,"
	    "Data,s1\n"
	    "i3,child,shared,,,Patching,s2\n"
	    "i4,svc,customer,,,Config,s2\n";
	assert_int_equal(load_mem(over, &o, &errors), -1);
	assert_has(errors, "items.csv:3:1: field is too long (43 bytes; the "
	    "limit is 40)");
	assert_lines(errors, 2);
	assert_has(errors, "matrix.csv:3:18: unknown item 'i2'");
	free(errors);

	/* The default limit, from a directory. */
	big = xmalloc(70001);
	memset(big, 'a', 70000);
	big[70000] = '\0';
	items = xasprintf("%si5,root,provider,,,\"%s\",s1\n", ITEMS, big);
	over[1] = items;
	assert_int_equal(load(over, &errors), -1);
	assert_has(errors, "items.csv:6:20: field is too long (70000 bytes; "
	    "the limit is 65536)");
	assert_lines(errors, 1);
	free(errors);
	free(items);
	free(big);
}

static void
test_hostile_deep_tree(void **state)
{
	size_t i, n = 5000;
	char *topics = xstrdup(TOPICS_HEADER "t0,,T,,,,,,s1\n"), *p;
	const char *over[] = { "topics.csv", NULL, "items.csv", ITEMS_HEADER,
	    "layers.csv", DROP, "matrix.csv", DROP, NULL };
	char *errors, *want;
	size_t len = strlen(topics), cap = len + 1;
	char row[64];
	int k;

	(void)state;
	for (i = 1; i < n; i++) {
		k = snprintf(row, sizeof row, "t%zu,t%zu,T,,,,,,s1\n", i,
		    i - 1);
		topics = xgrow(topics, &cap, len + (size_t)k + 1, 1);
		memcpy(topics + len, row, (size_t)k + 1);
		len += (size_t)k;
	}
	over[1] = topics;
	assert_int_equal(load(over, &errors), -1);
	/* t32 is on line 34, the 33rd level. */
	assert_has(errors, "topics.csv:34:1: topic 't32' is nested too deeply "
	    "(more than 32 levels)");
	assert_lines(errors, 1);
	free(errors);
	free(topics);

	/* The same chain, children first. */
	topics = xstrdup(TOPICS_HEADER);
	len = strlen(topics);
	cap = len + 1;
	for (i = n - 1; i > 0; i--) {
		k = snprintf(row, sizeof row, "t%zu,t%zu,T,,,,,,s1\n", i,
		    i - 1);
		topics = xgrow(topics, &cap, len + (size_t)k + 1, 1);
		memcpy(topics + len, row, (size_t)k + 1);
		len += (size_t)k;
	}
	p = xasprintf("%st0,,T,,,,,,s1\n", topics);
	free(topics);
	topics = p;
	over[1] = topics;
	assert_int_equal(load(over, &errors), -1);
	want = xasprintf("topics.csv:%zu:1: topic 't32' is nested too deeply",
	    n - 32 + 1);
	assert_has(errors, want);
	assert_lines(errors, 1);
	free(want);
	free(errors);
	free(topics);
}

static void
test_hostile_wide_tree(void **state)
{
	/* Each level doubles under two parents: a tree of 2^20 entries
	 * from 40 topics. */
	char *topics = xstrdup(TOPICS_HEADER "a0,,A,,,,,,s1\nb0,,B,,,,,,s1\n");
	const char *over[] = { "topics.csv", NULL, "items.csv", ITEMS_HEADER,
	    "layers.csv", DROP, "matrix.csv", DROP, NULL };
	char *errors, *p;
	size_t i;

	(void)state;
	for (i = 1; i < 20; i++) {
		p = xasprintf("%sa%zu,a%zu b%zu,A,,,,,,s1\n"
		    "b%zu,a%zu b%zu,B,,,,,,s1\n", topics, i, i - 1, i - 1, i,
		    i - 1, i - 1);
		free(topics);
		topics = p;
	}
	over[1] = topics;
	assert_int_equal(load(over, &errors), -1);
	assert_has(errors, "the topic tree is too large");
	assert_lines(errors, 1);
	free(errors);
	free(topics);
}

/* --------------------------------------------- memory and directory */

static void
test_memory_matches_directory(void **state)
{
	const char *const broken[] = {
		"dataset.csv", "\xEF\xBB\xBF" DATASET "colour,red\r\n",
		"sources.csv", SOURCES "s1,dup,\n",
		"topics.csv", TOPICS "a,b,A,,,,,,s1\nb,a,B,,,grid,,,s1\n",
		"items.csv", ITEMS "i5,nowhere,client,,,\"x\"y,s1\n"
		    "i6,root,provider,,,\"open\n",
		"matrix.csv", MATRIX_HEADER "hw,svc,provider,i1,\n",
		NULL
	};
	const char *const *sets[] = { NULL, broken };
	char *from_dir, *from_mem;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof sets / sizeof *sets; i++) {
		int rd = load(sets[i], &from_dir);
		int rm = load_mem(sets[i], NULL, &from_mem);

		assert_int_equal(rd, rm);
		assert_string_equal(from_dir, from_mem);
		if (i > 0)
			assert_true(count_lines(from_dir) >= 6);
		free(from_dir);
		free(from_mem);
	}
}

/* ------------------------------------- a matrix missing most of its cells */

/* Layers by columns far more than the rows: each missing cell is still a
 * problem, the first ones shown in order and the rest counted, without
 * the loader making the grid (as many cells as layers times columns). */
static void
test_matrix_mostly_missing(void **state)
{
	char *layers = NULL, *errors, *p;
	size_t cap = 0, len = 0, i;
	const char *over[] = { "layers.csv", NULL, NULL };

	(void)state;
	layers = xgrow(layers, &cap, 64 * 310, 1);
	len += (size_t)sprintf(layers, "id,title,summary,source\n"
	    "hw,Hardware,,s1\napp,Application,,s2\n");
	for (i = 0; i < 300; i++)
		len += (size_t)sprintf(layers + len, "l%zu,Layer %zu,,s1\n", i,
		    i);
	over[1] = layers;
	assert_int_equal(load(over, &errors), -1);
	/* 302 layers by 2 columns, 4 cells given: 600 missing, 50 shown. */
	assert_has(errors, "matrix.csv: no cell for layer 'l0' (layers.csv "
	    "line 4) and topic 'svc'\nmatrix.csv: no cell for layer 'l0' "
	    "(layers.csv line 4) and topic 'child'\n");
	assert_has(errors, "matrix.csv: no cell for layer 'l24' (layers.csv "
	    "line 28) and topic 'child'\nmatrix.csv: 550 more problems not "
	    "shown\n");
	p = strstr(errors, "'l25'");
	assert_null(p);
	free(errors);
	free(layers);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_valid_set_loads),
	cmocka_unit_test(test_valid_set_without_matrix_loads),
	cmocka_unit_test(test_builtin_loads),
	cmocka_unit_test(test_csv_stray_quote),
	cmocka_unit_test(test_csv_text_after_closing_quote),
	cmocka_unit_test(test_csv_unclosed_quote_at_eof),
	cmocka_unit_test(test_csv_malformed_header),
	cmocka_unit_test(test_csv_ragged_rows),
	cmocka_unit_test(test_header_unknown_column),
	cmocka_unit_test(test_header_duplicate_column),
	cmocka_unit_test(test_header_past_columns_read),
	cmocka_unit_test(test_header_missing_column),
	cmocka_unit_test(test_bad_party),
	cmocka_unit_test(test_unstated_only_in_matrix),
	cmocka_unit_test(test_bad_layout),
	cmocka_unit_test(test_bad_id_syntax),
	cmocka_unit_test(test_empty_required_field),
	cmocka_unit_test(test_dataset_keys),
	cmocka_unit_test(test_unknown_topic_in_items),
	cmocka_unit_test(test_unknown_source),
	cmocka_unit_test(test_unknown_parent),
	cmocka_unit_test(test_unknown_inherits),
	cmocka_unit_test(test_unknown_cited_item),
	cmocka_unit_test(test_unknown_matrix_layer_and_topic),
	cmocka_unit_test(test_matrix_cell_must_cite),
	cmocka_unit_test(test_duplicate_topic_id),
	cmocka_unit_test(test_duplicate_item_id),
	cmocka_unit_test(test_duplicate_source_id),
	cmocka_unit_test(test_duplicate_layer_id),
	cmocka_unit_test(test_duplicate_matrix_cell),
	cmocka_unit_test(test_cycle_two_topics),
	cmocka_unit_test(test_cycle_self_parent),
	cmocka_unit_test(test_cycle_long_message_ends_with_count),
	cmocka_unit_test(test_self_inherits),
	cmocka_unit_test(test_utf8_invalid_byte),
	cmocka_unit_test(test_utf8_overlong),
	cmocka_unit_test(test_utf8_truncated_at_eof),
	cmocka_unit_test(test_control_esc_bel),
	cmocka_unit_test(test_nul_byte),
	cmocka_unit_test(test_c1_control),
	cmocka_unit_test(test_two_byte_controls),
	cmocka_unit_test(test_bidi_override),
	cmocka_unit_test(test_tab_character),
	cmocka_unit_test(test_bare_carriage_return),
	cmocka_unit_test(test_bom_accepted),
	cmocka_unit_test(test_bom_error_position),
	cmocka_unit_test(test_bom_only_once),
	cmocka_unit_test(test_crlf_accepted),
	cmocka_unit_test(test_crlf_error_position),
	cmocka_unit_test(test_missing_file),
	cmocka_unit_test(test_missing_matrix_half),
	cmocka_unit_test(test_empty_file),
	cmocka_unit_test(test_blank_file),
	cmocka_unit_test(test_directory_for_file),
	cmocka_unit_test(test_unreadable_file),
	cmocka_unit_test(test_not_a_regular_file),
	cmocka_unit_test(test_huge_file),
	cmocka_unit_test(test_all_problems_of_file_reported),
	cmocka_unit_test(test_problems_in_several_files),
	cmocka_unit_test(test_problem_cap),
	cmocka_unit_test(test_problem_cap_default),
	cmocka_unit_test(test_dropped_count_saturates),
	cmocka_unit_test(test_multiline_field_line_numbers),
	cmocka_unit_test(test_blank_lines_keep_positions),
	cmocka_unit_test(test_columns_count_characters),
	cmocka_unit_test(test_columns_after_invalid_utf8),
	cmocka_unit_test(test_matrix_missing_cell),
	cmocka_unit_test(test_matrix_layout_without_matrix),
	cmocka_unit_test(test_matrix_without_rows),
	cmocka_unit_test(test_matrix_shown_by_no_topic),
	cmocka_unit_test(test_matrix_cites_unreadable_items),
	cmocka_unit_test(test_hostile_many_columns),
	cmocka_unit_test(test_hostile_long_field),
	cmocka_unit_test(test_hostile_deep_tree),
	cmocka_unit_test(test_hostile_wide_tree),
	cmocka_unit_test(test_memory_matches_directory),
	cmocka_unit_test(test_matrix_mostly_missing),
};

TEST_MAIN(tests)
