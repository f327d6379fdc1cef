#include "config.h"
#include "testutil.h"
static void placeholder(void **s) { (void)s; }
static const struct CMUnitTest tests[] = { cmocka_unit_test(placeholder) };
TEST_MAIN(tests)
