/* signals.c — an interrupted patuh (Ctrl-C, SIGTERM, SIGHUP) removes the temporary file of
 * the report it was writing, then dies of the same signal. A signal ignored when patuh
 * started (SIGHUP under nohup) stays ignored. SIGXFSZ is ignored, so a file-size limit
 * (ulimit -f) is a failed write: exit 3 with a message, the temporary file removed. The
 * handlers are installed before main by a constructor, so no command has to remember. */
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
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++)
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(sigs[i], &sa, NULL);
    signal(SIGXFSZ, SIG_IGN);
}
