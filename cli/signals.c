/* signals.c — an interrupted patuh (Ctrl-C, SIGTERM, SIGHUP) removes the temporary file of
 * the report it was writing, then dies of the same signal. The handlers are installed
 * before main by a constructor, so no command has to remember to do it. */
#include "cli.h"

#include <signal.h>
#include <string.h>

static void on_signal(int sig)
{
    patuh_report_abandon();
    signal(sig, SIG_DFL);
    raise(sig);
}

__attribute__((constructor)) static void catch_signals(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++)
        sigaction(sigs[i], &sa, NULL);
}
