/*
 * The floor for the terminal benchmarks (make bench): the least a curses
 * program does. It starts curses as respmap does (newterm on the
 * terminal, cbreak, noecho, keypad), draws one line, and then answers each
 * key by writing how many keys it has read, until 'q'. The time to its
 * first line is what any curses program pays to start, and a key's round
 * trip through it is what the terminal and the harness cost; respmap is
 * measured the same way against both.
 */
#include "config.h"

#include <curses.h>
#include <locale.h>
#include <stdio.h>

int
main(void)
{
	SCREEN *scr;
	long keys = 0;
	int ch;

	setlocale(LC_ALL, "");
	if ((scr = newterm(NULL, stdout, stdin)) == NULL) {
		fprintf(stderr, "floor_curses: cannot start curses\n");
		return 1;
	}
	set_term(scr);
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	mvaddstr(0, 0, "floor ready");
	refresh();
	while ((ch = getch()) != ERR && ch != 'q') {
		keys++;
		mvprintw(1, 0, "key %ld", keys);
		refresh();
	}
	endwin();
	delscreen(scr);
	return 0;
}
