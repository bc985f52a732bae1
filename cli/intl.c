/* intl.c — the language of messages: the locale's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, as
 * gettext reads them) or the one --lang names, with the catalogue found from the binary's
 * location like the rubrics (cli_locale_dir in datadir.c).
 * Only LC_MESSAGES is set: numbers are read and written with a decimal point whatever the
 * locale. */
#include "cli.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

/* The value --lang is given in argv (before a "--"), NULL when it is not given. */
static const char *lang_option(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
            return argv[i + 1];
        if (strncmp(argv[i], "--lang=", 7) == 0)
            return argv[i] + 7;
    }
    return NULL;
}

/* The locale the environment asks for messages: LC_ALL, LC_MESSAGES, LANG. */
static const char *wanted_locale(void)
{
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return v;
    }
    return NULL;
}

/* Messages in `lang` (a gettext language list such as "id"). gettext ignores LANGUAGE in
 * the C locale, so messages then move to C.UTF-8, which honours it. */
static void use_language(const char *lang)
{
    setenv("LANGUAGE", lang, 1);
    const char *now = setlocale(LC_MESSAGES, NULL);
    if (!now || strcmp(now, "C") == 0 || strcmp(now, "POSIX") == 0)
        setlocale(LC_MESSAGES, "C.UTF-8");
}

void cli_intl_init(int argc, char **argv)
{
    if (!setlocale(LC_MESSAGES, "")) {
        /* a locale that is not generated here (id_ID.UTF-8 on a bare system): its
         * language still chooses the messages */
        const char *want = wanted_locale();
        const char *language = getenv("LANGUAGE");
        if (want && !(language && *language))
            use_language(want);
    }
    const char *lang = lang_option(argc, argv);
    if (lang && (strcmp(lang, "id") == 0 || strcmp(lang, "en") == 0))
        use_language(lang);
    const char *dir = cli_locale_dir();
    if (dir)
        bindtextdomain(PATUH_TEXTDOMAIN, dir);
    bind_textdomain_codeset(PATUH_TEXTDOMAIN, "UTF-8");
    textdomain(PATUH_TEXTDOMAIN);
}
