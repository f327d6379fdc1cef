/*
 * Tests of text.c: what reaches the terminal from a hostile or broken data
 * file, how wide text is on screen, how it wraps, and how searching and
 * "did you mean" matching treat case.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "text.h"

#define REPL "\xef\xbf\xbd"	/* U+FFFD in UTF-8 */

static void
check_sanitize(const char *in, size_t n, bool ascii, const char *want)
{
	char	*out;

	out = text_sanitize(in, n, ascii);
	assert_string_equal(out, want);
	free(out);
}

static void
check_sanitize_ml(const char *in, size_t n, bool ascii, const char *want)
{
	char	*out;

	out = text_sanitize_ml(in, n, ascii);
	assert_string_equal(out, want);
	free(out);
}

#define SAN(in, want) check_sanitize((in), sizeof (in) - 1, false, (want))
#define SAN_ASCII(in, want) check_sanitize((in), sizeof (in) - 1, true, (want))
#define SAN_ML(in, ascii, want) \
	check_sanitize_ml((in), sizeof (in) - 1, (ascii), (want))

/* Every code point of s decodes as valid and none is a control, apart from
 * newlines when keep_nl is set. */
static void
assert_terminal_safe(const char *s, bool keep_nl)
{
	size_t		n = strlen(s), i = 0, len;
	uint32_t	cp;

	while (i < n) {
		assert_true(text_decode_valid(s + i, n - i, &cp, &len));
		if (!(keep_nl && cp == '\n'))
			assert_false(text_is_control(cp));
		i += len;
	}
}

static void
test_decode_valid(void **state)
{
	uint32_t	cp;
	size_t		len;

	(void)state;
	assert_int_equal(text_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(text_decode("\xc3\xa9", 2, &cp), 2);
	assert_int_equal(cp, 0xE9);
	assert_int_equal(text_decode("\xe2\x82\xac", 3, &cp), 3);
	assert_int_equal(cp, 0x20AC);
	assert_int_equal(text_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1F600);
	assert_true(text_decode_valid("\xf4\x8f\xbf\xbf", 4, &cp, &len));
	assert_int_equal(cp, 0x10FFFF);
	assert_int_equal(len, 4);
	/* Only the bytes asked for are looked at. */
	assert_int_equal(text_decode("ab", 1, &cp), 1);
	assert_int_equal(cp, 'a');
}

static void
test_decode_invalid(void **state)
{
	static const struct {
		const char	*s;
		size_t		 n;
	} bad[] = {
		{ "\xc0\x80", 2 },		/* overlong NUL */
		{ "\xc1\xbf", 2 },		/* overlong DEL */
		{ "\xe0\x80\x80", 3 },		/* overlong three bytes */
		{ "\xe0\x9f\xbf", 3 },
		{ "\xf0\x8f\xbf\xbf", 4 },	/* overlong four bytes */
		{ "\xed\xa0\x80", 3 },		/* surrogate D800 */
		{ "\xed\xbf\xbf", 3 },		/* surrogate DFFF */
		{ "\xf4\x90\x80\x80", 4 },	/* past U+10FFFF */
		{ "\xf5\x80\x80\x80", 4 },
		{ "\xff", 1 },
		{ "\x80", 1 },			/* lone continuation */
		{ "\xe2\x82", 2 },		/* truncated at end */
		{ "\xf0\x9f\x98", 3 },
		{ "\xc3", 1 },
		{ "\xe2\x28\xa1", 3 },		/* bad continuation */
	};
	uint32_t	cp;
	size_t		i, len;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cp = 0;
		assert_false(text_decode_valid(bad[i].s, bad[i].n, &cp, &len));
		assert_int_equal(cp, TEXT_REPLACEMENT);
		assert_int_equal(len, 1);
		assert_int_equal(text_decode(bad[i].s, bad[i].n, &cp), 1);
		assert_int_equal(cp, TEXT_REPLACEMENT);
	}
	/* A valid sequence cut short by n is truncated, not read past. */
	assert_false(text_decode_valid("\xe2\x82\xac", 2, &cp, &len));
	assert_int_equal(len, 1);
}

static void
test_encode_roundtrip(void **state)
{
	static const uint32_t	 cps[] = {
		0, 'z', 0x7F, 0x80, 0xE9, 0x7FF, 0x800, 0x20AC, 0xFFFD,
		0xFFFF, 0x10000, 0x1F600, 0x10FFFF,
	};
	char			 buf[4];
	uint32_t		 cp;
	size_t			 i, len;

	(void)state;
	for (i = 0; i < sizeof cps / sizeof cps[0]; i++) {
		len = text_encode(cps[i], buf);
		assert_true(text_decode_valid(buf, len, &cp, &len));
		assert_int_equal(cp, cps[i]);
	}
	/* What cannot be encoded comes out as U+FFFD, never as junk. */
	assert_int_equal(text_encode(0xD800, buf), 3);
	assert_memory_equal(buf, REPL, 3);
	assert_int_equal(text_encode(0x110000, buf), 3);
	assert_memory_equal(buf, REPL, 3);
}

static void
test_is_control(void **state)
{
	static const uint32_t	yes[] = {
		0x00, 0x07, '\t', '\n', '\r', 0x1B, 0x7F, 0x80, 0x85, 0x9B,
		0x9F, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A, 0x202E, 0x2066,
		0x2069, 0xFEFF, 0xFDD0, 0xFFFE, 0xFFFF, 0x1FFFE, 0x10FFFF,
	};
	static const uint32_t	no[] = {
		' ', 'a', '~', 0xA0, 0xE9, 0x0301, 0x200B, 0x2014, 0x4E00,
		0xFFFD, 0x1F600,
	};
	size_t			i;

	(void)state;
	for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
		assert_true(text_is_control(yes[i]));
	for (i = 0; i < sizeof no / sizeof no[0]; i++)
		assert_false(text_is_control(no[i]));
}

static void
test_sanitize_csi(void **state)
{
	(void)state;
	SAN("\x1b[1;31mError\x1b[0m: disk full", "Error: disk full");
	SAN("a\x1b[2Jb", "ab");
	SAN("a\x1b[?1049hb", "ab");		/* alternate screen */
	SAN("x\x1b" "7y\x1b(Bz", "xyz");	/* save cursor, charset */
	/* A lone ESC at the end goes too. */
	SAN("end\x1b", "end");
}

static void
test_sanitize_osc(void **state)
{
	(void)state;
	/* OSC 52 would set the user's clipboard. */
	SAN("copy\x1b]52;c;ZXZpbCBjb21tYW5k\x07 done", "copy done");
	SAN("copy\x1b]52;c;ZXZpbA==\x1b\\ done", "copy done");
	/* A title change and a hyperlink around visible text. */
	SAN("\x1b]0;pwned\x07title", "title");
	SAN("\x1b]8;;http://evil/\x1b\\link\x1b]8;;\x1b\\", "link");
	/* Device control string. */
	SAN("a\x1bPq#0;2;0;0;0\x1b\\b", "ab");
	/* An unterminated one ends at the newline, not at the end. */
	SAN_ML("a\x1b]52;c;AAAA\nnext", false, "a\nnext");
}

static void
test_sanitize_c1(void **state)
{
	(void)state;
	/* U+009B, the one-character CSI, with its parameters. */
	SAN("a\xc2\x9b" "31mb", "ab");
	/* U+009D OSC up to U+009C ST. */
	SAN("a\xc2\x9d" "52;c;QUFB\xc2\x9c" "b", "ab");
	SAN("a\xc2\x85" "b", "ab");		/* NEL */
	/* A raw 0x9B byte is not UTF-8 at all. */
	SAN("a\x9b" "31mb", "a" REPL "31mb");
}

static void
check_quoted(const char *in, size_t n, bool ascii, const char *want)
{
	char	*out;

	out = text_sanitize_quoted(in, n, ascii);
	assert_string_equal(out, want);
	free(out);
}

#define QUOTED(in, ascii, want) \
	check_quoted((in), sizeof (in) - 1, (ascii), (want))

/* Quoted in a message, an escape sequence is shown, not run and not cut:
 * its introducer written out, the rest left as plain text. */
static void
test_sanitize_quoted(void **state)
{
	(void)state;
	QUOTED("a\x1b]0;pwn\ab", false, "a<U+001B>]0;pwnb");
	QUOTED("a\x1b[31mb", true, "a<U+001B>[31mb");
	QUOTED("a\xc2\x9b" "31mb", false, "a<U+009B>31mb");
	QUOTED("a\xc2\x9d" "x\xc2\x9c" "b", false, "a<U+009D>x<U+009C>b");
	/* The other controls go as in text_sanitize; a lone 0x9B byte is
	 * no UTF-8, so no C1 control either. */
	QUOTED("a\r\bb\tc\nd", false, "ab c d");
	QUOTED("a\x9b" "31m\xe2\x80\xa6", false, "a" REPL "31m\xe2\x80\xa6");
	QUOTED("a\x9b" "31m\xe2\x80\xa6", true, "a?31m...");
	QUOTED("\x1b", false, "<U+001B>");
	QUOTED("", false, "");
}

static void
test_sanitize_bidi(void **state)
{
	(void)state;
	/* U+202E would show "txt.exe" as "exe.txt". */
	SAN("evil\u202Etxt.exe", "eviltxt.exe");
	SAN("a\u202Ab\u202Bc\u202Cd\u202De", "abcde");
	SAN("a\u2066b\u2067c\u2068d\u2069e", "abcde");
	SAN("a\u200Eb\u200Fc", "abc");
	SAN("a\u2028b\u2029c", "abc");
	SAN("\uFEFFbom", "bom");
	SAN("a\uFDD0b", "ab");			/* noncharacter */
}

static void
test_sanitize_invalid_utf8(void **state)
{
	(void)state;
	SAN("a\xc0\x80z", "a" REPL REPL "z");
	SAN("a\xe0\x80\x80z", "a" REPL REPL REPL "z");
	SAN("a\xed\xa0\x80z", "a" REPL REPL REPL "z");
	SAN("a\xf5\x80\x80\x80z", "a" REPL REPL REPL REPL "z");
	SAN("a\xe2\x82", "a" REPL REPL);
	SAN("a\xf0\x9f\x98", "a" REPL REPL REPL);
	SAN("a\xc3", "a" REPL);
	/* An invalid lead byte does not swallow the ASCII after it. */
	SAN("\xe2" "ab", REPL "ab");
	/* Valid text passes untouched. */
	SAN("caf\u00e9 \u65e5\u672c \U0001F600", "caf\u00e9 \u65e5\u672c \U0001F600");
	SAN_ASCII("a\xc0\x80z", "a??z");
}

static void
test_sanitize_whitespace(void **state)
{
	(void)state;
	SAN("a\tb\nc", "a b c");
	SAN("a\r\nb", "a b");
	SAN("bell\x07 null\x01", "bell null");
	SAN_ML("a\tb\nc\r\nd", false, "a b\nc\nd");
	SAN_ML("\xe2\x80\x94\n", true, "--\n");
	/* n counts bytes: an embedded NUL is dropped, not the end. */
	SAN("a\0b", "ab");
	SAN("", "");
}

static void
test_sanitize_ascii(void **state)
{
	(void)state;
	SAN_ASCII("AWS \u2014 security", "AWS -- security");
	SAN_ASCII("pages 2\u20133", "pages 2-3");
	SAN_ASCII("\u201Cquoted\u201D \u2018x\u2019 it\u2019s",
	    "\"quoted\" 'x' it's");
	SAN_ASCII("wait\u2026", "wait...");
	SAN_ASCII("\u2022 item", "* item");
	SAN_ASCII("a \u2192 b \u2190 c", "a -> b <- c");
	SAN_ASCII("no\u00a0break", "no break");
	SAN_ASCII("3\u00d74", "3x4");
	/* Anything else is one '?' per character... */
	SAN_ASCII("caf\u00e9", "caf?");
	SAN_ASCII("\u65e5\u672c", "??");
	SAN_ASCII("\U0001F600", "?");
	/* ...but a combining mark, which has no cell of its own, goes. */
	SAN_ASCII("e\u0301", "e");
	SAN_ASCII("\u2705\uFE0F done", "? done");
	SAN_ASCII("\x1b[31mred\x1b[0m", "red");
}

/* Deterministic pseudo-random bytes, biased towards the pieces that make
 * up escape sequences and broken UTF-8. */
static uint32_t
next_rand(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

static size_t
random_text(uint32_t *seed, char *buf, size_t max)
{
	static const char *const	 pieces[] = {
		"\x1b", "[", "]", "\x07", "\\", "\xc2", "\x9b", "\x9c",
		"\x9d", "\xe2\x80\xae", "\xe2\x80", "\xed\xa0\x80", "\xf4",
		"\x90", "\xc0", "\t", "\n", "\r", "a", " ", "\xe2\x80\x94",
		"\xcc\x81", "\xe6\x97\xa5", "\xef\xbf\xbe", "\x7f", "\0",
	};
	const char			*p;
	size_t				 n = 0, len;
	uint32_t			 r;

	while (n < max) {
		r = next_rand(seed);
		if (r % 3 == 0) {
			buf[n++] = (char)(r >> 8);
			continue;
		}
		p = pieces[(r >> 8) % (sizeof pieces / sizeof pieces[0])];
		len = *p == '\0' ? 1 : strlen(p);
		if (n + len > max)
			break;
		memcpy(buf + n, p, len);
		n += len;
	}
	return n;
}

static void
test_sanitize_never_unsafe(void **state)
{
	char		 in[96], *out;
	uint32_t	 seed = 0x5eed1234;
	size_t		 n, iter, i;

	(void)state;
	for (iter = 0; iter < 4000; iter++) {
		n = random_text(&seed, in, sizeof in);

		out = text_sanitize(in, n, false);
		assert_terminal_safe(out, false);
		free(out);

		out = text_sanitize_ml(in, n, false);
		assert_terminal_safe(out, true);
		free(out);

		out = text_sanitize(in, n, true);
		for (i = 0; out[i] != '\0'; i++)
			assert_in_range((unsigned char)out[i], 0x20, 0x7E);
		free(out);

		out = text_sanitize_ml(in, n, true);
		for (i = 0; out[i] != '\0'; i++) {
			if (out[i] != '\n')
				assert_in_range((unsigned char)out[i],
				    0x20, 0x7E);
		}
		free(out);
	}
}

static void
test_width(void **state)
{
	(void)state;
	assert_int_equal(text_width("hello"), 5);
	assert_int_equal(text_width(""), 0);
	/* CJK, Hangul, fullwidth forms and emoji take two cells each. */
	assert_int_equal(text_width("\u65e5\u672c\u8a9e"), 6);
	assert_int_equal(text_width("\u3072\u3089\u304c\u306a"), 8);
	assert_int_equal(text_width("\ud55c\uad6d\uc5b4"), 6);
	assert_int_equal(text_width("\uff21\uff22"), 4);
	assert_int_equal(text_width("\U0001F600"), 2);
	assert_int_equal(text_width("\U00020000"), 2);
	/* e + COMBINING ACUTE is one cell, like the precomposed one. */
	assert_int_equal(text_width("e\u0301"), 1);
	assert_int_equal(text_width("\u00e9"), 1);
	assert_int_equal(text_width("a\u200Bb"), 2);
	assert_int_equal(text_width("\u2705\uFE0F"), 2);
	assert_int_equal(text_width("caf\u00e9 \u65e5"), 7);
	/* Latin, Greek, Cyrillic, box drawing: one cell. */
	assert_int_equal(text_width("\u03a9\u0416\u2500"), 3);
	/* An invalid byte will show as U+FFFD, one cell. */
	assert_int_equal(text_width("a\xff" "b"), 3);
	assert_int_equal(text_width_n("\u65e5\u672c", 3), 2);

	assert_int_equal(text_cp_width('a'), 1);
	assert_int_equal(text_cp_width(0x0301), 0);
	assert_int_equal(text_cp_width(0x20DD), 0);
	assert_int_equal(text_cp_width(0xFE0F), 0);
	assert_int_equal(text_cp_width(0x4E00), 2);
	assert_int_equal(text_cp_width(0xAC00), 2);
	assert_int_equal(text_cp_width(0x1100), 2);
	assert_int_equal(text_cp_width(0x1160), 0);
	assert_int_equal(text_cp_width(0xFF61), 1);	/* halfwidth kana */
	assert_int_equal(text_cp_width(0x2014), 1);
	assert_int_equal(text_cp_width(0x1B), 0);
}

/* Widths where the hand-made tables of old parted from glibc's wcwidth,
 * which src/width.h now copies: what the terminal will draw. */
static void
test_width_as_wcwidth(void **state)
{
	(void)state;
	/* Yijing hexagram symbols: wide, as the CJK around them. */
	assert_int_equal(text_cp_width(0x4DC0), 2);
	assert_int_equal(text_cp_width(0x4DFF), 2);
	assert_int_equal(text_cp_width(0x4DBF), 2);
	/* Combining marks of scripts beyond the old list: Tamil, Tibetan,
	 * Myanmar, Khmer, Gujarati; a variation selector of plane 14. */
	assert_int_equal(text_cp_width(0x0BCD), 0);
	assert_int_equal(text_cp_width(0x0F71), 0);
	assert_int_equal(text_cp_width(0x102D), 0);
	assert_int_equal(text_cp_width(0x17B7), 0);
	assert_int_equal(text_cp_width(0x0ACD), 0);
	assert_int_equal(text_cp_width(0xE0100), 0);
	/* Pictographs drawn as text by default: one cell, not the whole
	 * block two (thermometer, dove, world map). */
	assert_int_equal(text_cp_width(0x1F321), 1);
	assert_int_equal(text_cp_width(0x1F54A), 1);
	assert_int_equal(text_cp_width(0x1F5FA), 1);
	assert_int_equal(text_cp_width(0x1F600), 2);
	assert_int_equal(text_cp_width(0x16FE4), 0);	/* Khitan filler */
	/* Where wcwidth says -1 on purpose: unassigned, wide in the CJK
	 * blocks, else one cell; controls and noncharacters none. */
	assert_int_equal(text_cp_width(0x2FFFD), 2);
	assert_int_equal(text_cp_width(0x0378), 1);
	assert_int_equal(text_cp_width(0x1FFFE), 0);
}

static void
check_lines(const char *s, size_t width, const char *const *want)
{
	struct text_line	*lines;
	size_t			 n, i;

	n = text_wrap(s, width, &lines);
	for (i = 0; want[i] != NULL; i++) {
		assert_true(i < n);
		assert_int_equal(lines[i].len, strlen(want[i]));
		assert_memory_equal(s + lines[i].off, want[i], lines[i].len);
		assert_int_equal(lines[i].width,
		    text_width_n(want[i], strlen(want[i])));
	}
	assert_int_equal(n, i);
	free(lines);
}

static void
test_wrap_words(void **state)
{
	static const char *const	fox[] = {
		"the quick", "brown fox", NULL
	};
	static const char *const	fox5[] = {
		"the", "quick", "brown", "fox", NULL
	};
	static const char *const	fits[] = { "the quick brown fox", NULL };
	static const char *const	spaces[] = { "word", "next", NULL };

	(void)state;
	check_lines("the quick brown fox", 10, fox);
	check_lines("the quick brown fox", 5, fox5);
	check_lines("the quick brown fox", 19, fits);
	check_lines("the quick brown fox", 80, fits);
	/* The spaces at a break are dropped, however many. */
	check_lines("word      next", 6, spaces);
	check_lines("word   next   ", 4, spaces);
}

static void
test_wrap_long_word(void **state)
{
	static const char *const	want[] = {
		"abcdefghij", "klmnopqrst", "uvwxy", NULL
	};
	static const char *const	after[] = {
		"see", "abcdefghij", "klmnopqrst", "uvwxy", NULL
	};

	(void)state;
	check_lines("abcdefghijklmnopqrstuvwxy", 10, want);
	check_lines("see abcdefghijklmnopqrstuvwxy", 10, after);
}

static void
test_wrap_wide(void **state)
{
	/* Seven two-cell characters in five cells: two a line, never a
	 * half character. */
	static const char *const	odd[] = {
		"\u65e5\u672c", "\u8a9e\u30c6", "\u30ad\u30b9", "\u30c8", NULL
	};
	/* Width 1: a two-cell character goes alone on its line. */
	static const char *const	one[] = {
		"\u65e5", "\u672c", "a", NULL
	};
	static const char *const	mixed[] = {
		"ab\u65e5", "\u672c", NULL
	};
	/* Alone, but with its mark. */
	static const char *const	marked[] = {
		"\u65e5\u0301", "\u672c", NULL
	};

	(void)state;
	check_lines("\u65e5\u672c\u8a9e\u30c6\u30ad\u30b9\u30c8", 5, odd);
	check_lines("\u65e5\u672ca", 1, one);
	check_lines("ab\u65e5\u672c", 5, mixed);
	check_lines("\u65e5\u0301\u672c", 1, marked);
}

static void
test_wrap_combining(void **state)
{
	/* Four decomposed é: a mark never starts a line. */
	static const char *const	want[] = {
		"e\u0301e\u0301", "e\u0301e\u0301", NULL
	};
	static const char *const	one[] = {
		"e\u0301", "e\u0301", NULL
	};

	(void)state;
	check_lines("e\u0301e\u0301e\u0301e\u0301", 2, want);
	check_lines("e\u0301e\u0301", 1, one);
}

static void
test_wrap_newlines(void **state)
{
	static const char *const	empty[] = { "", NULL };
	static const char *const	paras[] = { "a", "", "b c", NULL };
	static const char *const	indent[] = { "  ab cd", "ef", NULL };
	static const char *const	trail[] = { "a", "", NULL };
	static const char *const	deep[] = { "abc", "d", NULL };

	(void)state;
	check_lines("", 10, empty);
	check_lines("   ", 10, empty);
	check_lines("a\n\nb c", 10, paras);
	/* Indentation at the start of a paragraph is kept. */
	check_lines("  ab cd ef", 7, indent);
	/* Indentation that fills the line is not a line of blanks. */
	check_lines("    abc d", 4, deep);
	check_lines("      abc d", 4, deep);
	check_lines("a\n", 10, trail);
}

/* Wrap random text and check what a reader would see: nothing lost, no
 * line too wide, no character cut, no space at a soft break. */
static void
test_wrap_never_breaks_rules(void **state)
{
	static const char *const	 pieces[] = {
		"a", "bb", "word", "longerword", " ", "  ", "\u65e5",
		"e\u0301", "\u00e9", "\n", "\U0001F600", "\u65e5\u0301",
	};
	struct text_line		*lines;
	const struct text_line		*l;
	char				 s[128], seen[128], want[128];
	uint32_t			 seed = 42, r, cp;
	size_t				 iter, n, len, nl, i, j, k, width;
	size_t				 wn, sn;
	const char			*p;

	(void)state;
	for (iter = 0; iter < 3000; iter++) {
		n = 0;
		for (;;) {
			r = next_rand(&seed);
			p = pieces[r % (sizeof pieces / sizeof pieces[0])];
			len = strlen(p);
			if (n + len >= 100)
				break;
			memcpy(s + n, p, len);
			n += len;
		}
		s[n] = '\0';
		width = 1 + next_rand(&seed) % 12;

		nl = text_wrap(s, width, &lines);
		assert_true(nl >= 1);
		sn = 0;
		for (i = 0; i < nl; i++) {
			l = &lines[i];
			assert_true(l->off + l->len <= n);
			if (i > 0)
				assert_true(l->off >= lines[i - 1].off +
				    lines[i - 1].len);
			assert_int_equal(l->width, text_width_n(s + l->off,
			    l->len));
			if (l->width > width)
				assert_true(width == 1 && l->width == 2);
			assert_null(memchr(s + l->off, '\n', l->len));
			if (l->len == 0)
				continue;
			/* Never inside a character or before its mark. */
			assert_true(((unsigned char)s[l->off] & 0xC0) != 0x80);
			assert_true(((unsigned char)s[l->off + l->len] &
			    0xC0) != 0x80);
			text_decode(s + l->off, l->len, &cp);
			assert_int_not_equal(cp, 0x0301);
			assert_int_not_equal(s[l->off + l->len - 1], ' ');
			if (l->off > 0 && s[l->off - 1] != '\n')
				assert_int_not_equal(s[l->off], ' ');
			for (k = 0; k < l->len; k++) {
				if (s[l->off + k] != ' ')
					seen[sn++] = s[l->off + k];
			}
		}
		wn = 0;
		for (j = 0; j < n; j++) {
			if (s[j] != ' ' && s[j] != '\n')
				want[wn++] = s[j];
		}
		assert_int_equal(sn, wn);
		assert_memory_equal(seen, want, wn);
		free(lines);
	}
}

static void
test_fit(void **state)
{
	size_t	used;

	(void)state;
	assert_int_equal(text_fit("abcdef", 6, 4, &used), 4);
	assert_int_equal(used, 4);
	assert_int_equal(text_fit("abc", 3, 10, &used), 3);
	assert_int_equal(used, 3);
	/* Five cells hold two CJK characters, not two and a half. */
	assert_int_equal(text_fit("\u65e5\u672c\u8a9e", 9, 5, &used), 6);
	assert_int_equal(used, 4);
	assert_int_equal(text_fit("\u65e5", 3, 1, &used), 0);
	assert_int_equal(used, 0);
	/* The mark stays with its letter. */
	assert_int_equal(text_fit("e\u0301x", 4, 1, &used), 3);
	assert_int_equal(used, 1);
	assert_int_equal(text_fit("ab", 2, 0, &used), 0);
	assert_int_equal(used, 0);
	/* n bounds the scan even inside a character. */
	assert_int_equal(text_fit("a\u65e5", 2, 10, &used), 2);
	assert_int_equal(used, 2);
}

static void
test_fold(void **state)
{
	(void)state;
	assert_int_equal(text_fold('A'), 'a');
	assert_int_equal(text_fold('z'), 'z');
	assert_int_equal(text_fold('@'), '@');
	assert_int_equal(text_fold(0xC9), 0xE9);	/* É */
	assert_int_equal(text_fold(0xD7), 0xD7);	/* × is no letter */
	assert_int_equal(text_fold(0x178), 0xFF);	/* Ÿ */
	assert_int_equal(text_fold(0x141), 0x142);	/* Ł */
	assert_int_equal(text_fold(0x160), 0x161);	/* Š */
	assert_int_equal(text_fold(0x17D), 0x17E);	/* Ž */
	assert_int_equal(text_fold(0x17F), 's');	/* long s */
	assert_int_equal(text_fold(0x3A3), 0x3C3);	/* Σ */
	assert_int_equal(text_fold(0x3C2), 0x3C3);	/* final ς */
	assert_int_equal(text_fold(0x386), 0x3AC);	/* Ά */
	assert_int_equal(text_fold(0x416), 0x436);	/* Ж */
	assert_int_equal(text_fold(0x401), 0x451);	/* Ё */
	assert_int_equal(text_fold(0x490), 0x491);	/* Ґ */
	assert_int_equal(text_fold(0x4E00), 0x4E00);
}

static void
test_find_fold(void **state)
{
	size_t	len;

	(void)state;
	assert_int_equal(text_find_fold("Lambda (Serverless)", 0, "LAMBDA",
	    &len), 0);
	assert_int_equal(len, 6);
	assert_int_equal(text_find_fold("Lambda (Serverless)", 0,
	    "serverLESS", &len), 8);
	assert_int_equal(len, 10);
	/* É and é differ in case only; the match covers the whole é. */
	assert_int_equal(text_find_fold("\u00e9cole", 0, "\u00c9COLE", &len),
	    0);
	assert_int_equal(len, 6);
	assert_int_equal(text_find_fold("Une \u00c9cole", 0, "\u00e9cole",
	    &len), 4);
	assert_int_equal(len, 6);
	assert_int_equal(text_find_fold("\u041c\u043e\u0441\u043a\u0432\u0430",
	    0, "\u041c\u041e\u0421", &len), 0);
	assert_int_equal(len, 6);
	assert_int_equal(text_find_fold("\u039f\u0394\u039f\u03a3", 0,
	    "\u03bf\u03c2", &len), 4);
	/* Absent, or only before start. */
	assert_int_equal(text_find_fold("Lambda (Serverless)", 0, "EC2",
	    &len), -1);
	assert_int_equal(text_find_fold("ecole", 0, "\u00e9cole", &len), -1);
	assert_int_equal(text_find_fold("Lambda", 1, "lambda", &len), -1);
	assert_int_equal(text_find_fold("ab ab", 1, "AB", &len), 3);
	assert_int_equal(text_find_fold("ab", 3, "a", &len), -1);
	assert_int_equal(text_find_fold("", 0, "a", &len), -1);
}

static void
test_casecmp_prefix(void **state)
{
	(void)state;
	assert_int_equal(text_casecmp("Lambda", "LAMBDA"), 0);
	assert_int_equal(text_casecmp("\u00c9COLE", "\u00e9cole"), 0);
	assert_true(text_casecmp("abc", "ABD") < 0);
	assert_true(text_casecmp("ABD", "abc") > 0);
	assert_true(text_casecmp("ab", "ABC") < 0);
	assert_true(text_casecmp("abc", "AB") > 0);
	assert_int_equal(text_casecmp("", ""), 0);

	assert_true(text_has_prefix_fold("Lambda (Serverless)", "lam"));
	assert_true(text_has_prefix_fold("\u00c9cole", "\u00e9c"));
	assert_true(text_has_prefix_fold("anything", ""));
	assert_false(text_has_prefix_fold("Lam", "lambda"));
	assert_false(text_has_prefix_fold("Lambda", "amb"));
}

static void
test_distance(void **state)
{
	(void)state;
	assert_int_equal(text_distance("lamda", "lambda", 5), 1);
	assert_int_equal(text_distance("lambda", "lamdba", 5), 1);
	assert_int_equal(text_distance("ab", "ba", 5), 1);
	assert_int_equal(text_distance("kitten", "sitting", 5), 3);
	assert_int_equal(text_distance("", "abc", 5), 3);
	assert_int_equal(text_distance("abc", "", 5), 3);
	assert_int_equal(text_distance("", "", 5), 0);
	assert_int_equal(text_distance("LAMBDA", "lambda", 5), 0);
	/* Counted in characters, not bytes. */
	assert_int_equal(text_distance("\u00e9cole", "ecole", 5), 1);
	assert_int_equal(text_distance("\u65e5\u672c", "\u65e5", 5), 1);
	/* Past the limit it stops and says limit + 1. */
	assert_int_equal(text_distance("abcdef", "uvwxyz", 2), 3);
	assert_int_equal(text_distance("a", "abcdefgh", 3), 4);
	assert_int_equal(text_distance("abc", "abd", 0), 1);
	assert_int_equal(text_distance("abc", "abd", SIZE_MAX), 1);
	assert_int_equal(text_distance("abc", "xyz", SIZE_MAX), 3);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_decode_valid),
	cmocka_unit_test(test_decode_invalid),
	cmocka_unit_test(test_encode_roundtrip),
	cmocka_unit_test(test_is_control),
	cmocka_unit_test(test_sanitize_csi),
	cmocka_unit_test(test_sanitize_osc),
	cmocka_unit_test(test_sanitize_c1),
	cmocka_unit_test(test_sanitize_quoted),
	cmocka_unit_test(test_width_as_wcwidth),
	cmocka_unit_test(test_sanitize_bidi),
	cmocka_unit_test(test_sanitize_invalid_utf8),
	cmocka_unit_test(test_sanitize_whitespace),
	cmocka_unit_test(test_sanitize_ascii),
	cmocka_unit_test(test_sanitize_never_unsafe),
	cmocka_unit_test(test_width),
	cmocka_unit_test(test_wrap_words),
	cmocka_unit_test(test_wrap_long_word),
	cmocka_unit_test(test_wrap_wide),
	cmocka_unit_test(test_wrap_combining),
	cmocka_unit_test(test_wrap_newlines),
	cmocka_unit_test(test_wrap_never_breaks_rules),
	cmocka_unit_test(test_fit),
	cmocka_unit_test(test_fold),
	cmocka_unit_test(test_find_fold),
	cmocka_unit_test(test_casecmp_prefix),
	cmocka_unit_test(test_distance),
};

TEST_MAIN(tests)
