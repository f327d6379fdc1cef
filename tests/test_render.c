/*
 * Rendering without a terminal: where items land, that nothing overflows
 * the width at any size, that stacking happens when it is too narrow, and
 * that hostile text from data never survives into a span.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "render.h"
#include "text.h"
#include "xalloc.h"
#include "testutil.h"

static struct render_doc
render(const struct model *m, const char *topic, size_t width, bool ascii)
{
	struct render_opts o;
	struct render_doc d;
	const struct model_topic *t = model_find_topic(m, topic);

	if (t == NULL) {
		fail_msg("no topic %s", topic);
		abort();
	}
	memset(&o, 0, sizeof o);
	memset(&d, 0, sizeof d);
	o.width = width;
	o.ascii = ascii;
	render_topic(m, t, &o, &d);
	return d;
}

/* The span holding text (a substring), and its line. */
static const struct render_span *
find_span(const struct render_doc *d, const char *text, size_t *line)
{
	size_t i, j;

	for (i = 0; i < d->n; i++)
		for (j = 0; j < d->lines[i].nspans; j++)
			if (strstr(d->lines[i].spans[j].text, text) != NULL) {
				if (line != NULL)
					*line = i;
				return &d->lines[i].spans[j];
			}
	fail_msg("'%s' was not rendered", text);
	abort();
}

static void
test_ec2_columns(void **state)
{
	const struct model *m = test_builtin_model();
	struct render_doc d = render(m, "ec2", 80, false);
	const struct render_span *s;
	size_t line;

	(void)state;
	s = find_span(&d, "Guest OS", &line);
	assert_true(s->col > 40);
	assert_int_equal(s->party, RP_NONE);
	assert_non_null(s->item);
	assert_string_equal(s->item->id, "ec2-customer-guest-os");
	s = find_span(&d, "hypervisor", NULL);
	assert_true(s->col < 38);
	s = find_span(&d, "AWS — security OF the cloud", &line);
	assert_int_equal(s->style, RS_HEADING);
	assert_int_equal(s->party, RP_PROVIDER);
	s = find_span(&d, "Customer — security IN the cloud", NULL);
	assert_int_equal(s->party, RP_CUSTOMER);
	render_doc_free(&d);
}

/* No span passes the right edge, for every topic and many widths. */
static void
test_never_overflows(void **state)
{
	static const size_t widths[] = { 20, 33, 59, 60, 61, 80, 97, 200 };
	const struct model *m = test_builtin_model();
	size_t t, w, i, j;

	(void)state;
	for (t = 0; t < m->ntopics; t++) {
		for (w = 0; w < sizeof widths / sizeof *widths; w++) {
			struct render_doc d = render(m, m->topics[t]->id,
			    widths[w], w % 2 == 1);

			for (i = 0; i < d.n; i++) {
				for (j = 0; j < d.lines[i].nspans; j++) {
					const struct render_span *s =
					    &d.lines[i].spans[j];

					if (s->col + s->width > widths[w])
						fail_msg("%s at %zu: '%s' ends "
						    "at %zu", m->topics[t]->id,
						    widths[w], s->text,
						    s->col + s->width);
					assert_int_equal(s->width,
					    text_width(s->text));
				}
			}
			render_doc_free(&d);
		}
	}
}

static void
test_narrow_stacks(void **state)
{
	const struct model *m = test_builtin_model();
	struct render_doc d = render(m, "s3", RENDER_MIN_SIDE_BY_SIDE - 1,
	    false);
	size_t aws, cust, i, j;

	(void)state;
	for (i = 0; i < d.n; i++)
		for (j = 0; j < d.lines[i].nspans; j++)
			assert_null(strstr(d.lines[i].spans[j].text, "│"));
	find_span(&d, "AWS — security OF the cloud", &aws);
	find_span(&d, "Customer — security IN the cloud", &cust);
	assert_true(aws < cust);
	find_span(&d, "bucket policies", &i);
	assert_true(i > cust);
	render_doc_free(&d);
}

static void
test_shared_item_says_both(void **state)
{
	const struct model *m = test_builtin_model();
	struct render_doc d = render(m, "compliance", 80, false);
	const struct render_span *s;
	size_t line;

	(void)state;
	s = find_span(&d, "Ongoing monitoring", &line);
	/* Spans both columns, and says so in words. */
	assert_true(s->col < 10);
	assert_non_null(strstr(d.lines[line].spans[0].text, "[Both]"));
	assert_int_equal(d.lines[line].spans[0].party, RP_SHARED);
	render_doc_free(&d);
}

static void
test_other_layouts(void **state)
{
	const struct model *m = test_builtin_model();
	struct render_doc d = render(m, "myth-encryption", 80, false);
	char *text;

	(void)state;
	text = render_line_text(&d.lines[0]);
	assert_string_equal(text, "Myth: Customer Data is Automatically "
	    "Encrypted");
	free(text);
	find_span(&d, "Reality", NULL);
	render_doc_free(&d);
	d = render(m, "takeaways", 80, false);
	find_span(&d, " 8. ", NULL);
	find_span(&d, "[AWS] Documentation", NULL);
	render_doc_free(&d);
	d = render(m, "matrix", 80, false);
	find_span(&d, "Not stated", NULL);
	find_span(&d, "Shared", NULL);
	find_span(&d, "Containers", NULL);
	render_doc_free(&d);
}

static void
test_path(void **state)
{
	const struct model *m = test_builtin_model();
	char *p = render_topic_path(model_find_topic(m, "ec2"), false);

	(void)state;
	assert_string_equal(p, "Services by category › Compute Services › "
	    "EC2 (Virtual Machines)");
	free(p);
	p = render_topic_path(model_find_topic(m, "ec2"), true);
	assert_string_equal(p, "Services by category > Compute Services > "
	    "EC2 (Virtual Machines)");
	free(p);
}

/* A model whose text tries to take over the terminal. */
static struct model *
hostile_model(void)
{
	struct model *m = model_new();
	struct model_topic *t = model_add_topic(m, "evil", NULL);
	struct model_item *it;
	const char *texts[] = {
		"\033[2J\033[31mclear and red",
		"\033]0;owned\007title",
		"\033]52;c;Y2xpcGJvYXJk\007clipboard",
		"\033P1$qm\033\\dcs",
		("\xc2\x9b" "31m C1 CSI"),	/* one string: ( ) for clang */
		"back\bspace and carriage\rreturn",
		"bidi \xe2\x80\xae override",
		"bad \xff\xfe utf8 \xc0\xaf",
	};
	size_t i;
	char id[16];

	m->meta.provider = "P\033[5m";
	m->meta.customer = "C";
	m->meta.provider_heading = m->meta.customer_heading = "h";
	t->title = "\033[1mtitle";
	t->summary = "sum\033]2;x\007mary";
	for (i = 0; i < sizeof texts / sizeof *texts; i++) {
		snprintf(id, sizeof id, "i%zu", i);
		it = model_add_item(m, id, NULL);
		it->topic = t;
		it->party = (enum model_party)(i % 3);
		it->text = texts[i];
		it->label = i == 2 ? "\033[7mlabel" : "";
		it->group = i == 3 ? "gr\x1boup" : "";
	}
	model_finish(m);
	return m;
}

static void
test_hostile_text_is_sanitised(void **state)
{
	struct model *m = hostile_model();
	static const size_t widths[] = { 30, 80 };
	size_t w, i, j;
	const unsigned char *p;

	(void)state;
	for (w = 0; w < 2; w++) {
		struct render_doc d = render(m, "evil", widths[w], false);

		for (i = 0; i < d.n; i++) {
			for (j = 0; j < d.lines[i].nspans; j++) {
				p = (const unsigned char *)
				    d.lines[i].spans[j].text;
				for (; *p != '\0'; p++) {
					assert_true(*p >= 0x20 && *p != 0x7f);
					/* No C1 control, encoded. */
					assert_false(p[0] == 0xc2 &&
					    p[1] >= 0x80 && p[1] < 0xa0);
					/* No U+202E. */
					assert_false(p[0] == 0xe2 &&
					    p[1] == 0x80 && p[2] == 0xae);
				}
			}
		}
		find_span(&d, "clear and red", NULL);
		find_span(&d, "\xef\xbf\xbd", NULL);	/* U+FFFD */
		render_doc_free(&d);
	}
	model_free(m);
}

static void
test_ascii_is_ascii(void **state)
{
	const struct model *m = test_builtin_model();
	size_t t, i, j;
	const unsigned char *p;

	(void)state;
	for (t = 0; t < m->ntopics; t++) {
		struct render_doc d = render(m, m->topics[t]->id, 80, true);

		for (i = 0; i < d.n; i++)
			for (j = 0; j < d.lines[i].nspans; j++)
				for (p = (const unsigned char *)
				    d.lines[i].spans[j].text; *p != '\0'; p++)
					assert_true(*p >= 0x20 && *p < 0x7f);
		render_doc_free(&d);
	}
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_ec2_columns),
	cmocka_unit_test(test_never_overflows),
	cmocka_unit_test(test_narrow_stacks),
	cmocka_unit_test(test_shared_item_says_both),
	cmocka_unit_test(test_other_layouts),
	cmocka_unit_test(test_path),
	cmocka_unit_test(test_hostile_text_is_sanitised),
	cmocka_unit_test(test_ascii_is_ascii),
};

TEST_MAIN(tests)
