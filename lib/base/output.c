/* output.c — where a report or form may be written (doc/robustness.md, "Outputs"): never over
 * a file this run has read (compared by device and inode, so links count); a regular file is
 * replaced atomically through a short temporary name beside it and keeps its permissions; a
 * device, FIFO or socket (or a link to one) is written in place, never renamed over. */
#define _XOPEN_SOURCE 700 /* realpath(3) */
#include "base/base.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- the files read in this run ----------------------------------------------------- */

typedef struct read_file {
    dev_t dev;
    ino_t ino;
    char *path; /* as it was read, for the message */
} read_file;

static read_file *read_files;
static size_t n_read_files, cap_read_files;

patuh_status inputs_remember(int fd, const char *path)
{
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        return PATUH_OK; /* a pipe or a terminal cannot be written over */
    for (size_t i = 0; i < n_read_files; i++)
        if (read_files[i].dev == st.st_dev && read_files[i].ino == st.st_ino)
            return PATUH_OK;
    if (n_read_files == cap_read_files) {
        size_t cap = cap_read_files ? 2 * cap_read_files : 16;
        read_file *grown = realloc(read_files, cap * sizeof *grown);
        if (!grown)
            return PATUH_ENOMEM;
        read_files = grown;
        cap_read_files = cap;
    }
    char *copy = str_dup(path);
    if (!copy)
        return PATUH_ENOMEM;
    read_files[n_read_files++] = (read_file){st.st_dev, st.st_ino, copy};
    return PATUH_OK;
}

void inputs_forget_skipped(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return;
    for (size_t i = 0; i < n_read_files; i++)
        if (read_files[i].dev == st.st_dev && read_files[i].ino == st.st_ino) {
            free(read_files[i].path);
            read_files[i] = read_files[--n_read_files];
            return;
        }
}

void patuh_inputs_forget(void)
{
    for (size_t i = 0; i < n_read_files; i++)
        free(read_files[i].path);
    free(read_files);
    read_files = NULL;
    n_read_files = cap_read_files = 0;
}

/* The input `st` is, or NULL. */
static const char *inputs_find(const struct stat *st)
{
    for (size_t i = 0; i < n_read_files; i++)
        if (read_files[i].dev == st->st_dev && read_files[i].ino == st->st_ino)
            return read_files[i].path;
    return NULL;
}

/* ---- the temporary file, for patuh_report_abandon in a signal handler --------------- */

static char pending_tmp[4096];
static volatile sig_atomic_t pending_set;

void patuh_report_abandon(void)
{
    if (pending_set)
        unlink(pending_tmp); /* async-signal-safe */
    pending_set = 0;
}

/* Removes the temporary file (when given) before forgetting it, so a signal in between
 * finds it gone rather than left behind. */
static void pending_forget(const char *tmp)
{
    if (tmp)
        remove(tmp);
    pending_set = 0;
}

/* Creates a new empty temporary file named after `tmpl` (ending in XXXXXX) and remembers it.
 * The name stays short whatever the output's: ".patuh.tmp-XXXXXX" fits where a 255-byte
 * output name does. Caller frees the name. */
static char *temp_create(const char *dir, size_t dir_len, int *err)
{
    char *tmp = dir_len ? str_printf("%.*s/.patuh.tmp-XXXXXX", (int)dir_len, dir)
                        : str_printf(".patuh.tmp-XXXXXX");
    if (!tmp) {
        *err = ENOMEM;
        return NULL;
    }
    pending_set = 0;
    /* The signals that end a run are held back until the new file is remembered: one that
     * came between mkstemp and pending_set would leave the file behind. */
    sigset_t ending, before;
    sigemptyset(&ending);
    sigaddset(&ending, SIGINT);
    sigaddset(&ending, SIGTERM);
    sigaddset(&ending, SIGHUP);
    sigprocmask(SIG_BLOCK, &ending, &before);
    int fd = mkstemp(tmp);
    int mkstemp_errno = errno;
    if (fd >= 0 && strlen(tmp) < sizeof pending_tmp) {
        memcpy(pending_tmp, tmp, strlen(tmp) + 1);
        pending_set = 1;
    }
    sigprocmask(SIG_SETMASK, &before, NULL);
    if (fd < 0) {
        *err = mkstemp_errno;
        free(tmp);
        return NULL;
    }
    close(fd);
    return tmp;
}

static patuh_status write_error(const char *path, int err, patuh_diags *diags)
{
    if (err == ENOMEM)
        return PATUH_ENOMEM;
    patuh_diags_add(diags, PATUH_SEV_ERROR, path, 0, 0, "cannot write '%s': %s", path,
                    strerror(err));
    return PATUH_EIO;
}

/* ---- a regular file: a temporary beside it, renamed into place ---------------------- */

/* The mode a new file gets from open(2): 0666 less the umask. */
static mode_t new_file_mode(void)
{
    mode_t mask = umask(022);
    umask(mask);
    return 0666 & ~mask;
}

/* Gives the temporary the old file's permissions and, where allowed, its owner; a new file
 * gets the usual 0666 less the umask (mkstemp made it 0600). */
static void temp_permissions(const char *tmp, const struct stat *old)
{
    if (!old) {
        chmod(tmp, new_file_mode());
        return;
    }
    chmod(tmp, old->st_mode & 07777);
    if (old->st_uid != geteuid() || old->st_gid != getegid())
        if (chown(tmp, old->st_uid, old->st_gid) != 0)
            chmod(tmp, old->st_mode & 0777); /* no set-id bits on a file of another owner */
}

static patuh_status replace_regular(const char *path, const struct stat *old, atomic_fn fn,
                                    void *ctx, const char *name, patuh_diags *diags)
{
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) + (slash == path) : 0;
    int err = 0;
    char *tmp = temp_create(path, dir_len, &err);
    if (!tmp)
        return write_error(name, err, diags);
    patuh_status st = fn(ctx, tmp, name, diags);
    if (st == PATUH_OK) {
        temp_permissions(tmp, old);
        if (rename(tmp, path) != 0)
            st = write_error(name, errno, diags);
    }
    pending_forget(st == PATUH_OK ? NULL : tmp);
    free(tmp);
    return st;
}

/* ---- a device, FIFO or socket: written in place ------------------------------------- */

static patuh_status copy_fd(int from, int to, const char *name, patuh_diags *diags)
{
    char buf[1 << 16];
    for (;;) {
        ssize_t got = read(from, buf, sizeof buf);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return write_error(name, errno, diags);
        if (got == 0)
            return PATUH_OK;
        for (ssize_t done = 0; done < got;) {
            ssize_t put = write(to, buf + done, (size_t)(got - done));
            if (put < 0 && errno == EINTR)
                continue;
            if (put < 0)
                return write_error(name, errno, diags);
            done += put;
        }
    }
}

/* The whole output is made in a temporary file first (an XLSX writer needs to seek), then
 * copied to the device: a failed run writes nothing there. */
static patuh_status write_in_place(const char *path, atomic_fn fn, void *ctx, patuh_diags *diags)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || *dir != '/')
        dir = "/tmp";
    int err = 0;
    char *tmp = temp_create(dir, strlen(dir), &err);
    if (!tmp)
        return write_error(path, err, diags);
    patuh_status st = fn(ctx, tmp, path, diags);
    int from = st == PATUH_OK ? open(tmp, O_RDONLY) : -1;
    if (st == PATUH_OK && from < 0)
        st = write_error(path, errno, diags);
    if (st == PATUH_OK) {
        int to = open(path, O_WRONLY | O_TRUNC | O_NOCTTY);
        st = to < 0 ? write_error(path, errno, diags) : copy_fd(from, to, path, diags);
        if (to >= 0 && close(to) != 0 && st == PATUH_OK)
            st = write_error(path, errno, diags);
    }
    if (from >= 0)
        close(from);
    pending_forget(tmp);
    free(tmp);
    return st;
}

/* ---- the one way every report and form is written ----------------------------------- */

static patuh_status refuse_input(const char *path, const char *input, patuh_diags *diags)
{
    if (strcmp(path, input) == 0)
        patuh_diags_add(diags, PATUH_SEV_ERROR, path, 0, 0,
                        "refusing to write '%s': it is an input of this run, expected another "
                        "output file",
                        path);
    else
        patuh_diags_add(diags, PATUH_SEV_ERROR, path, 0, 0,
                        "refusing to write '%s': it is the input '%s' of this run, expected "
                        "another output file",
                        path, input);
    return PATUH_EARG;
}

patuh_status atomic_write(const char *path, atomic_fn fn, void *ctx, patuh_diags *diags)
{
    struct stat st;
    if (stat(path, &st) != 0) /* nothing there yet (or a dangling link): a new file */
        return replace_regular(path, NULL, fn, ctx, path, diags);
    const char *input = inputs_find(&st);
    if (input)
        return refuse_input(path, input, diags);
    if (S_ISDIR(st.st_mode))
        return write_error(path, EISDIR, diags);
    if (!S_ISREG(st.st_mode))
        return write_in_place(path, fn, ctx, diags);
    struct stat link;
    if (lstat(path, &link) != 0 || !S_ISLNK(link.st_mode))
        return replace_regular(path, &st, fn, ctx, path, diags);
    /* a link to a regular file: the file is replaced and the link stays */
    char *target = realpath(path, NULL);
    if (!target)
        return write_error(path, errno, diags);
    patuh_status status = replace_regular(target, &st, fn, ctx, path, diags);
    free(target);
    return status;
}

patuh_status atomic_write_text(const char *tmp, const char *path, atomic_text_fn fn, void *ctx,
                               patuh_diags *diags)
{
    FILE *f = fopen(tmp, "wb");
    if (!f)
        return write_error(path, errno, diags);
    patuh_status st = fn(ctx, f, diags);
    bool bad = ferror(f) != 0;
    int err = errno;
    if (fclose(f) != 0 || bad) {
        if (st == PATUH_OK)
            st = write_error(path, bad ? err : errno, diags);
    }
    return st;
}
