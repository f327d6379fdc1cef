/*
 * The browser's behaviour without a terminal: keys in, state out. What the
 * screen shows is tested end to end; here, the decisions behind it.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "browser.h"
#include "keymap.h"
#include "model.h"
#include "search.h"
#include "text.h"
#include "xalloc.h"
#include "testutil.h"

static struct browser b;

static int
setup(void **state)
{
	(void)state;
	browser_init(&b, test_builtin_model(), false);
	browser_layout(&b, 20, 20, 70, false);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	browser_free(&b);
	return 0;
}

static void
keys(const char *s)
{
	for (; *s != '\0'; s++)
		browser_key(&b, (unsigned char)*s);
}

static const char *
selected(void)
{
	return b.tree.rows[b.tree.sel].topic->id;
}

static size_t
row_of(const char *id)
{
	size_t i;

	for (i = 0; i < b.tree.n; i++)
		if (strcmp(b.tree.rows[i].topic->id, id) == 0)
			return i;
	fail_msg("%s is not in the tree", id);
	abort();
}

/* Is the line showing item id within the topic pane's window? */
static bool
item_visible(const char *id)
{
	size_t i, j;

	for (i = b.scroll; i < b.doc.n && i < b.scroll + b.content_rows; i++)
		for (j = 0; j < b.doc.lines[i].nspans; j++)
			if (b.doc.lines[i].spans[j].item != NULL &&
			    strcmp(b.doc.lines[i].spans[j].item->id, id) == 0)
				return true;
	return false;
}

static void
test_starts_on_overview(void **state)
{
	(void)state;
	assert_string_equal(b.open->id, "overview");
	assert_string_equal(selected(), "overview");
	assert_int_equal(b.focus, BROWSER_TREE);
	assert_int_equal(b.tree.n, test_builtin_model()->nroots);
	assert_true(b.doc.n > 0);
}

static void
test_move_and_open(void **state)
{
	size_t n0 = b.tree.n;

	(void)state;
	browser_key(&b, KEY_K_DOWN);
	browser_key(&b, 'j');
	browser_key(&b, 'j');
	assert_string_equal(selected(), "service-types");
	/* Moving selects; only Enter opens. */
	assert_string_equal(b.open->id, "overview");
	browser_key(&b, KEY_K_ENTER);
	assert_string_equal(b.open->id, "service-types");
	assert_int_equal(b.tree.n, n0 + 4);
	browser_key(&b, KEY_K_UP);
	assert_string_equal(selected(), "control-types");
	browser_key(&b, 'G');
	assert_int_equal(b.tree.sel, b.tree.n - 1);
	browser_key(&b, 'g');
	assert_int_equal(b.tree.sel, 0);
	browser_key(&b, KEY_K_UP);
	assert_int_equal(b.tree.sel, 0);
}

static void
test_expand_collapse(void **state)
{
	size_t n0 = b.tree.n, st;

	(void)state;
	st = row_of("service-types");
	outline_select(&b.tree, st);
	browser_key(&b, KEY_K_RIGHT);
	assert_true(b.tree.rows[st].expanded);
	assert_int_equal(b.tree.n, n0 + 4);
	browser_key(&b, 'j');
	assert_string_equal(selected(), "iaas");
	browser_key(&b, 'l');
	assert_int_equal(b.tree.n, n0 + 7);
	browser_key(&b, 'j');
	assert_string_equal(selected(), "ec2");
	/* Right on a leaf opens it and goes to it. */
	browser_key(&b, 'l');
	assert_string_equal(b.open->id, "ec2");
	assert_int_equal(b.focus, BROWSER_CONTENT);
	browser_key(&b, 'h');
	assert_int_equal(b.focus, BROWSER_TREE);
	/* Left on a leaf goes to its parent; on an open group, closes it. */
	browser_key(&b, 'h');
	assert_string_equal(selected(), "iaas");
	browser_key(&b, 'h');
	assert_false(b.tree.rows[b.tree.sel].expanded);
	assert_int_equal(b.tree.n, n0 + 4);
	outline_select(&b.tree, st);
	browser_key(&b, KEY_K_LEFT);
	assert_int_equal(b.tree.n, n0);
}

static void
test_collapse_keeps_selection_visible(void **state)
{
	size_t st = row_of("service-types");

	(void)state;
	outline_expand(&b.tree, st);
	outline_select(&b.tree, st + 2);
	outline_collapse(&b.tree, st);
	assert_int_equal(b.tree.sel, st);
}

static void
test_reveal(void **state)
{
	const struct model *m = test_builtin_model();

	(void)state;
	browser_open(&b, model_find_topic(m, "cloudfront"));
	assert_string_equal(selected(), "cloudfront");
	assert_true(b.tree.rows[row_of("services")].expanded);
	assert_true(b.tree.rows[row_of("network")].expanded);
	assert_true(b.tree.sel >= b.tree.top &&
	    b.tree.sel < b.tree.top + b.tree_rows);
}

static void
test_content_scroll(void **state)
{
	const struct model *m = test_builtin_model();
	size_t max;

	(void)state;
	browser_open(&b, model_find_topic(m, "matrix"));
	browser_key(&b, KEY_TAB);
	assert_int_equal(b.focus, BROWSER_CONTENT);
	max = browser_max_scroll(&b);
	assert_true(max > 20);
	browser_key(&b, 'j');
	browser_key(&b, KEY_K_DOWN);
	assert_int_equal(b.scroll, 2);
	browser_key(&b, KEY_K_PGDN);
	assert_int_equal(b.scroll, 2 + 19);
	browser_key(&b, KEY_CTRL('u'));
	assert_int_equal(b.scroll, 21 - 11);
	browser_key(&b, 'G');
	assert_int_equal(b.scroll, max);
	browser_key(&b, 'j');
	assert_int_equal(b.scroll, max);
	browser_key(&b, KEY_K_HOME);
	assert_int_equal(b.scroll, 0);
	browser_key(&b, 'k');
	assert_int_equal(b.scroll, 0);
	browser_key(&b, KEY_K_BTAB);
	assert_int_equal(b.focus, BROWSER_TREE);
}

static void
test_down_in_tree_redraws_only_tree(void **state)
{
	(void)state;
	b.dirty = 0;
	browser_key(&b, 'j');
	assert_true(b.dirty & DIRTY_TREE);
	assert_false(b.dirty & DIRTY_CONTENT);
}

static void
test_search_as_you_type(void **state)
{
	const char *before = b.open->id;
	size_t sel = b.tree.sel, nrows = b.tree.n;

	(void)state;
	browser_key(&b, '/');
	assert_true(b.typing);
	keys("function c");
	assert_true(b.nhits >= 1);
	assert_string_equal(b.open->id, "lambda");
	assert_true(item_visible("lambda-customer-function-code"));
	assert_string_equal(selected(), "lambda");
	/* Esc takes the whole view back. */
	browser_key(&b, KEY_ESC);
	assert_false(b.typing);
	assert_int_equal(b.nhits, 0);
	assert_string_equal(b.open->id, before);
	assert_int_equal(b.tree.sel, sel);
	assert_int_equal(b.tree.n, nrows);
}

static void
test_search_next_prev_keep(void **state)
{
	size_t n;
	const struct model_topic *first;

	(void)state;
	browser_key(&b, '/');
	keys("encrypt");
	n = b.nhits;
	assert_true(n >= 10);
	assert_int_equal(b.hit, 0);
	first = b.open;
	browser_key(&b, KEY_K_ENTER);
	assert_false(b.typing);
	assert_int_equal(b.focus, BROWSER_CONTENT);
	assert_int_equal(b.nhits, n);
	browser_key(&b, 'n');
	assert_int_equal(b.hit, 1);
	browser_key(&b, 'N');
	browser_key(&b, 'N');
	assert_int_equal(b.hit, n - 1);
	browser_key(&b, 'n');
	assert_int_equal(b.hit, 0);
	assert_ptr_equal(b.open, first);
	/* Every hit lands where it can be seen. */
	for (size_t i = 0; i < n; i++) {
		if (b.hits[b.hit].item != NULL)
			assert_true(item_visible(b.hits[b.hit].item->id));
		browser_key(&b, 'n');
	}
	browser_key(&b, KEY_ESC);
	assert_int_equal(b.nhits, 0);
}

static void
test_search_backspace_and_nothing(void **state)
{
	(void)state;
	browser_key(&b, '/');
	keys("zzq");
	assert_int_equal(b.nhits, 0);
	browser_key(&b, KEY_K_BACKSPACE);
	browser_key(&b, 0x7f);
	assert_int_equal(b.qlen, 1);
	/* A multi-byte character goes in and out whole. */
	browser_key(&b, 0xE9);
	assert_int_equal(b.qlen, 3);
	browser_key(&b, KEY_K_BACKSPACE);
	assert_int_equal(b.qlen, 1);
	browser_key(&b, KEY_ESC);
	browser_key(&b, 'n');
	assert_non_null(b.message);
}

static void
test_help_and_quit(void **state)
{
	(void)state;
	browser_key(&b, '?');
	assert_true(b.help);
	assert_int_equal(browser_context(&b), KC_HELP);
	/* q closes the help rather than the program, as in less. */
	browser_key(&b, 'q');
	assert_false(b.help);
	assert_false(b.quit);
	browser_key(&b, KEY_K_F1);
	assert_true(b.help);
	browser_key(&b, KEY_ESC);
	assert_false(b.help);
	browser_key(&b, 'q');
	assert_true(b.quit);
}

static void
test_mouse(void **state)
{
	size_t r = row_of("areas");

	(void)state;
	browser_click_tree(&b, r - b.tree.top);
	assert_string_equal(b.open->id, "areas");
	assert_int_equal(b.focus, BROWSER_TREE);
	browser_click_content(&b);
	assert_int_equal(b.focus, BROWSER_CONTENT);
	browser_scroll_content(&b, 3);
	assert_int_equal(b.scroll, 3);
	browser_scroll_content(&b, -30);
	assert_int_equal(b.scroll, 0);
	browser_click_tree(&b, 999);
	assert_string_equal(b.open->id, "areas");
}

static void
test_relayout_keeps_place(void **state)
{
	const struct model *m = test_builtin_model();

	(void)state;
	browser_open(&b, model_find_topic(m, "areas"));
	browser_scroll_content(&b, 5);
	browser_layout(&b, 30, 30, 120, false);
	assert_string_equal(b.open->id, "areas");
	assert_int_equal(b.scroll, 5);
	browser_layout(&b, 8, 8, 40, true);
	assert_int_equal(b.scroll, 5);
	assert_string_equal(selected(), "areas");
}

static void
test_keymap_table(void **state)
{
	size_t nk, na, i, j;
	const struct keymap_key *k = keymap_keys(&nk);
	const struct keymap_action *a = keymap_actions(&na);

	(void)state;
	assert_int_equal(keymap_lookup('j', KC_TREE), ACT_DOWN);
	assert_int_equal(keymap_lookup('\r', KC_TREE), ACT_OPEN);
	assert_int_equal(keymap_lookup('q', KC_SEARCH), ACT_NONE);
	/* Every key's action has a help line. */
	for (i = 0; i < nk; i++) {
		for (j = 0; j < na; j++)
			if (a[j].action == k[i].action)
				break;
		assert_true(j < na);
		assert_true(*a[j].help != '\0');
	}
	/* No key is bound twice in one context. */
	for (i = 0; i < nk; i++)
		for (j = i + 1; j < nk; j++)
			assert_false(k[i].key == k[j].key &&
			    (k[i].contexts & k[j].contexts) != 0);
}

/* The man page's list of keys agrees with the key table. */
static void
test_man_page_lists_every_key(void **state)
{
	char *path = test_srcpath("man/respmap.1");
	FILE *fp = fopen(path, "r");
	char line[512], *page = NULL, *p, *sect;
	size_t len = 0, cap = 0, n, nk, i;
	const struct keymap_key *k = keymap_keys(&nk);

	(void)state;
	if (fp == NULL)
		fail_msg("cannot read %s", path);
	while (fgets(line, sizeof line, fp) != NULL) {
		/* Drop roff's escaped hyphens and font changes. */
		while ((p = strstr(line, "\\-")) != NULL)
			memmove(p, p + 1, strlen(p));
		while ((p = strstr(line, "\\f")) != NULL)
			memmove(p, p + 3, strlen(p + 2));
		n = strlen(line);
		page = xgrow(page, &cap, len + n + 1, 1);
		memcpy(page + len, line, n + 1);
		len += n;
	}
	fclose(fp);
	free(path);
	sect = page != NULL ? strstr(page, ".SS The full-screen browser") :
	    NULL;
	if (sect == NULL)
		fail_msg("no key section in respmap(1)");
	for (i = 0; i < nk; i++) {
		const char *label = k[i].ascii_label;

		if (strcmp(label, "Space") != 0 && strlen(label) == 1) {
			/* A one-letter key stands in a .B or .BR line. */
			char pat[8];

			snprintf(pat, sizeof pat, " %s", label);
			if (strstr(sect, pat) == NULL)
				fail_msg("respmap(1) lacks key %s", label);
		} else if (strstr(sect, label) == NULL)
			fail_msg("respmap(1) lacks key %s", label);
	}
	free(page);
}

/* ------------------------------------- search: as fast, and the same */

/*
 * The search as the browser first did it, for every key: each topic in
 * tree order, its title or summary, then each of its items (search_item),
 * with text_find_fold on the text itself. The index and the refining of
 * the last key's hits must give exactly these hits, in this order.
 */
/* The browser's hits are those of a fresh search for its query. */
static void
assert_fresh(const struct browser *br)
{
	struct search_hit *ref;
	size_t n = test_scan_hits(br->order, br->norder, br->query, &ref),
	    i;

	if (br->nhits != n)
		fail_msg("'%s': %zu hits, a fresh search finds %zu", br->query,
		    br->nhits, n);
	for (i = 0; i < n; i++) {
		const struct search_hit *h = &br->hits[i], *r = &ref[i];

		if (h->topic != r->topic || h->item != r->item ||
		    h->field != r->field || h->off != r->off ||
		    h->len != r->len)
			fail_msg("'%s': hit %zu is %s/%s field %d at %zu+%zu, "
			    "a fresh search has %s/%s field %d at %zu+%zu",
			    br->query, i, h->topic->id, h->item != NULL ?
			    h->item->id : "-", (int)h->field, h->off, h->len,
			    r->topic->id, r->item != NULL ? r->item->id : "-",
			    (int)r->field, r->off, r->len);
	}
	free(ref);
}

/* Type q a character at a time, then take it back a character at a
 * time, checking the hits after every key. */
static void
type_and_erase(struct browser *br, const char *q)
{
	size_t i = 0, len = strlen(q), n;
	uint32_t cp;

	while (i < len) {
		i += text_decode(q + i, len - i, &cp);
		browser_key(br, (int)cp);
		assert_fresh(br);
	}
	for (n = 0; n < i; n++) {
		browser_key(br, KEY_K_BACKSPACE);
		assert_fresh(br);
		if (br->qlen == 0)
			break;
	}
}

static void
test_search_refined_is_fresh(void **state)
{
	static const char *const queries[] = {
		"encrypt", "ENCRYPTION at rest", "e", "the customer", "aws",
		"s3 b", "zzq", "ec2 i", "Identity and access", "patch",
		"’", "— ", "of the", "xyz", "a", "tion",
	};
	size_t i;

	(void)state;
	browser_key(&b, '/');
	for (i = 0; i < sizeof queries / sizeof *queries; i++)
		type_and_erase(&b, queries[i]);
	/* Mixed: more, less, more again, then a new search. */
	keys("encr");
	assert_fresh(&b);
	browser_key(&b, KEY_K_BACKSPACE);
	browser_key(&b, KEY_K_BACKSPACE);
	assert_fresh(&b);
	keys("cryp");
	assert_fresh(&b);
	browser_key(&b, KEY_ESC);
	assert_int_equal(b.nhits, 0);
	browser_key(&b, '/');
	keys("enc");
	assert_fresh(&b);
	browser_key(&b, KEY_K_ENTER);
	assert_fresh(&b);
	browser_key(&b, '/');
	keys("shared");
	assert_fresh(&b);
	browser_key(&b, KEY_ESC);
}

/* Text whose folding changes its length (dotted capital I, long s), other
 * scripts' cases, and a query that folds shorter itself: a fresh search
 * and the index must agree on every one. */
static void
test_search_folding_edge_cases(void **state)
{
	static const char *const files[] = {
		"dataset.csv", "key,value\nname,Folding\nprovider,P\n"
		    "provider_heading,of\ncustomer,C\ncustomer_heading,in\n",
		"sources.csv", "id,title\ns,Source\n",
		"topics.csv", "id,parent,title,summary,source\n"
		    "istanbul,,İSTANBUL Region,ſtrong ſignals in İzmir,s\n"
		    "greek,,ΣΊΣΥΦΟΣ and µ-services,Straße ЖУК,s\n",
		"items.csv", "id,topic,party,group,label,text,source\n"
		    "i1,istanbul,provider,,İ,Data in İstanbul is kept,s\n"
		    "i2,istanbul,customer,Keys,,the ſecond İİ key,s\n"
		    "i3,greek,shared,ΣΟΦΙΑ,σοφία,ΜΙΚΡΟ µ micro ς end,s\n"
		    "i4,greek,customer,,Kelvin,K and k and STRASSE,s\n"
		    "i5,greek,provider,Жук,,жук Жук ЖУК,s\n",
		NULL
	};
	static const char *const queries[] = {
		"i", "is", "istanbul", "İstanbul", "İ", "s", "st", "ſt",
		"strong", "STRONG", "σ", "ς", "σοφ", "ΣΟΦΊΑ", "µ", "μ", "micro",
		"ß", "strasse", "жук", "ЖУК", "k", "K", "ii", "İİ", "z",
	};
	struct browser br;
	struct model *m;
	char *errors;
	size_t i;

	(void)state;
	if (test_load_files(files, &errors, &m) != 0)
		fail_msg("the data set does not load:\n%s", errors);
	free(errors);
	browser_init(&br, m, false);
	browser_layout(&br, 20, 20, 70, false);
	browser_key(&br, '/');
	for (i = 0; i < sizeof queries / sizeof *queries; i++)
		type_and_erase(&br, queries[i]);
	browser_free(&br);
	model_free(m);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(test_starts_on_overview, setup, teardown),
	cmocka_unit_test_setup_teardown(test_move_and_open, setup, teardown),
	cmocka_unit_test_setup_teardown(test_expand_collapse, setup, teardown),
	cmocka_unit_test_setup_teardown(test_collapse_keeps_selection_visible,
	    setup, teardown),
	cmocka_unit_test_setup_teardown(test_reveal, setup, teardown),
	cmocka_unit_test_setup_teardown(test_content_scroll, setup, teardown),
	cmocka_unit_test_setup_teardown(test_down_in_tree_redraws_only_tree,
	    setup, teardown),
	cmocka_unit_test_setup_teardown(test_search_as_you_type, setup,
	    teardown),
	cmocka_unit_test_setup_teardown(test_search_next_prev_keep, setup,
	    teardown),
	cmocka_unit_test_setup_teardown(test_search_backspace_and_nothing,
	    setup, teardown),
	cmocka_unit_test_setup_teardown(test_search_refined_is_fresh, setup,
	    teardown),
	cmocka_unit_test(test_search_folding_edge_cases),
	cmocka_unit_test_setup_teardown(test_help_and_quit, setup, teardown),
	cmocka_unit_test_setup_teardown(test_mouse, setup, teardown),
	cmocka_unit_test_setup_teardown(test_relayout_keeps_place, setup,
	    teardown),
	cmocka_unit_test(test_keymap_table),
	cmocka_unit_test(test_man_page_lists_every_key),
};

TEST_MAIN(tests)
