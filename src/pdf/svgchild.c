/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf/svgchild.c - SVG pictures drawn in a child process, with a time
 * limit.
 *
 * The reader bounds a picture's size and librsvg its number of
 * elements, but not the time drawing takes: a chain of filters over a
 * large canvas, or a blur nested in many groups, can keep librsvg busy
 * for minutes, and librsvg (2.54) has no way to stop a drawing.  So
 * pictures are drawn by a child: quire itself, started once per process
 * on the first SVG picture with QUIRE_SVG_CHILD set, which then serves
 * one picture after another over a socket (svgc_serve).  A picture not
 * drawn within SVG_LIMIT_S seconds has the child killed; the picture
 * keeps its alt text, with a warning, and the next one starts a new
 * child.  A fresh program, not a fork: the parent's other threads may
 * hold the locks of fontconfig or libxml2, which a forked copy would
 * find held forever.
 *
 * Requests: a byte ('p' for cairo's PDF of the picture, 'r' for its
 * pixels), the SVG's length (8 bytes) and bytes.  Answers: a status
 * byte (1 drawn), then for 'p' the size in points (2 doubles), the
 * PDF's length and bytes; for 'r' struct png_ready's numbers and its
 * two streams.
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/diag.h"
#include "pngload.h"
#include "svgplugin.h"

/* The longest a picture may take to draw, in seconds. */
#define SVG_LIMIT_S	10
/* The address space the child may use. */
#define SVG_MAX_MEMORY	((rlim_t)2 << 30)
/* The most an answer may hold: a picture's PDF or its pixels. */
#define MAX_ANSWER	((uint64_t)256 << 20)

#define CHILD_ENV	"QUIRE_SVG_CHILD"

extern char **environ;

/* The child serving pictures; the caller holds image.c's svg_lock. */
static pid_t	child_pid = -1;
static int	child_fd = -1;

/* ---- The parent's side ------------------------------------------------ */

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
child_stop(void)
{
	if (child_pid > 0) {
		kill(child_pid, SIGKILL);
		while (waitpid(child_pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	if (child_fd >= 0)
		close(child_fd);
	child_pid = -1;
	child_fd = -1;
}

/* At exit: the child, idle, ends when its socket closes; waiting for
 * it keeps no process behind, and counts its time as the run's. */
static void
child_reap(void)
{
	if (child_fd >= 0)
		close(child_fd);
	child_fd = -1;
	if (child_pid > 0)
		while (waitpid(child_pid, NULL, 0) < 0 && errno == EINTR)
			;
	child_pid = -1;
}

static int
child_start(void)
{
	static int reaping;

	char			 exe[PATH_MAX];
	ssize_t			 n = readlink("/proc/self/exe", exe,
				    sizeof(exe) - 1);
	int			 sv[2], rc;
	size_t			 ne = 0;
	char			**env, *argv[] = { "quire-svg", NULL };
	posix_spawn_file_actions_t fa;

	if (n <= 0 || socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0,
	    sv) != 0)
		return -1;
	exe[n] = '\0';
	while (environ[ne] != NULL)
		ne++;
	env = xcalloc(ne + 2, sizeof(*env));
	memcpy(env, environ, ne * sizeof(*env));
	env[ne] = CHILD_ENV "=1";
	posix_spawn_file_actions_init(&fa);
	/* The socket is the child's standard input and output; dup2
	 * clears close-on-exec on the copies. */
	posix_spawn_file_actions_adddup2(&fa, sv[1], 0);
	posix_spawn_file_actions_adddup2(&fa, sv[1], 1);
	rc = posix_spawn(&child_pid, exe, &fa, NULL, argv, env);
	posix_spawn_file_actions_destroy(&fa);
	free(env);
	close(sv[1]);
	if (rc != 0) {
		close(sv[0]);
		child_pid = -1;
		return -1;
	}
	child_fd = sv[0];
	if (!reaping++)
		atexit(child_reap);
	return 0;
}

/* All of b out, or in, before the deadline; -1 if not (the child died,
 * or took too long: *late says which). */
static int
xfer(int out, void *b, size_t n, double deadline, int *late)
{
	unsigned char	*p = b;
	struct pollfd	 pfd = { child_fd, out ? POLLOUT : POLLIN, 0 };

	while (n > 0) {
		double	 left = deadline - now();
		ssize_t	 k;

		if (left <= 0) {
			*late = 1;
			return -1;
		}
		if (poll(&pfd, 1, (int)(left * 1000) + 1) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (pfd.revents == 0)
			continue;
		k = out ? send(child_fd, p, n, MSG_NOSIGNAL) :
		    recv(child_fd, p, n, 0);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/* The request sent and the status of its answer read: 1 drawn, 0 not,
 * -1 the child is gone (killed when late, *late set). */
static int
ask(char mode, const unsigned char *svg, size_t len, double deadline,
    int *late)
{
	uint64_t	 n = len;
	unsigned char	 status = 0;

	if (child_fd < 0 && child_start() != 0)
		return -1;
	if (xfer(1, &mode, 1, deadline, late) != 0 ||
	    xfer(1, &n, sizeof(n), deadline, late) != 0 ||
	    xfer(1, (void *)svg, len, deadline, late) != 0 ||
	    xfer(0, &status, 1, deadline, late) != 0) {
		child_stop();
		return -1;
	}
	return status == 1;
}

/* n bytes the child announced, read into a new buffer. */
static unsigned char *
take(uint64_t n, double deadline, int *late)
{
	unsigned char *b;

	if (n > MAX_ANSWER)
		return NULL;
	b = xmalloc(n ? n : 1);
	if (xfer(0, b, n, deadline, late) != 0) {
		free(b);
		return NULL;
	}
	return b;
}

static const char *
late_why(int late)
{
	return late ? "took longer than 10 seconds to draw" :
	    "librsvg stopped while drawing it";
}

unsigned char *
svgc_to_pdf(const unsigned char *data, size_t len, double *w, double *h,
    size_t *outlen, const char **why)
{
	double		 deadline = now() + SVG_LIMIT_S, wh[2];
	uint64_t	 n;
	unsigned char	*pdf = NULL;
	int		 late = 0, st = ask('p', data, len, deadline, &late);

	*why = NULL;
	if (st == 1 && xfer(0, wh, sizeof(wh), deadline, &late) == 0 &&
	    xfer(0, &n, sizeof(n), deadline, &late) == 0)
		pdf = take(n, deadline, &late);
	if (st == 1 && pdf == NULL)
		child_stop();
	if (st < 0 || (st == 1 && pdf == NULL)) {
		*why = late_why(late);
		return NULL;
	}
	if (pdf != NULL) {
		*w = wh[0];
		*h = wh[1];
		*outlen = (size_t)n;
	}
	return pdf;
}

/* struct png_ready's numbers, as the child sends them. */
struct raster_head {
	uint32_t	 w, h, ncolor;
	double		 pt_per_px;
	uint64_t	 color_len, alpha_len;
};

int
svgc_raster(const unsigned char *data, size_t len, struct png_ready *out)
{
	double			 deadline = now() + SVG_LIMIT_S;
	struct raster_head	 rh;
	int			 late = 0, st = ask('r', data, len, deadline,
				    &late);

	memset(out, 0, sizeof(*out));
	out->why = "cannot read it (damaged or unsupported)";
	if (st == 0)
		return -1;
	if (st == 1 && xfer(0, &rh, sizeof(rh), deadline, &late) == 0 &&
	    (out->color = take(rh.color_len, deadline, &late)) != NULL &&
	    (rh.alpha_len == 0 ||
	    (out->alpha = take(rh.alpha_len, deadline, &late)) != NULL)) {
		out->w = rh.w;
		out->h = rh.h;
		out->ncolor = rh.ncolor;
		out->pt_per_px = rh.pt_per_px;
		out->color_len = rh.color_len;
		out->alpha_len = rh.alpha_len;
		out->why = NULL;
		return 0;
	}
	png_ready_free(out);
	child_stop();
	out->why = late_why(late);
	return -1;
}

/* ---- The child's side -------------------------------------------------- */

/* All of b read from the parent (fd 0) or written to it (fd 1): 0, or
 * -1 when the parent is gone. */
static int
full_io(int out, void *b, size_t n)
{
	unsigned char *p = b;

	while (n > 0) {
		ssize_t k = out ? write(1, p, n) : read(0, p, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

static int
full_read(void *b, size_t n)
{
	return full_io(0, b, n);
}

/* An answer that cannot be written: the parent is gone, and so is the
 * child. */
static void
full_write(const void *b, size_t n)
{
	if (full_io(1, (void *)b, n) != 0)
		_exit(1);
}

static void
serve_pdf(const unsigned char *svg, size_t len)
{
	double		 wh[2];
	size_t		 n;
	uint64_t	 n64;
	unsigned char	*pdf = svgp_local_to_pdf(svg, len, &wh[0], &wh[1],
			    &n);
	unsigned char	 status = pdf != NULL;

	full_write(&status, 1);
	if (pdf == NULL)
		return;
	n64 = n;
	full_write(wh, sizeof(wh));
	full_write(&n64, sizeof(n64));
	full_write(pdf, n);
	free(pdf);
}

static void
serve_raster(const unsigned char *svg, size_t len)
{
	struct png_ready	 r;
	struct raster_head	 rh;
	unsigned char		 status;

	status = svgp_local_raster(svg, len, &r) == 0;
	full_write(&status, 1);
	if (!status)
		return;
	memset(&rh, 0, sizeof(rh));
	rh.w = r.w;
	rh.h = r.h;
	rh.ncolor = r.ncolor;
	rh.pt_per_px = r.pt_per_px;
	rh.color_len = r.color_len;
	rh.alpha_len = r.alpha != NULL ? r.alpha_len : 0;
	full_write(&rh, sizeof(rh));
	full_write(r.color, r.color_len);
	if (rh.alpha_len > 0)
		full_write(r.alpha, r.alpha_len);
	png_ready_free(&r);
}

/* Pictures, one after another, until the parent closes the socket. */
static void
serve(void)
{
	const char	*why;
	char		 mode;
	uint64_t	 n;
	unsigned char	*svg;

	if (!svgp_ready(&why))
		_exit(1);
	while (full_read(&mode, 1) == 0 && full_read(&n, sizeof(n)) == 0 &&
	    n <= MAX_ANSWER) {
		svg = xmalloc(n ? n : 1);
		if (full_read(svg, n) != 0)
			break;
		if (mode == 'p')
			serve_pdf(svg, n);
		else
			serve_raster(svg, n);
		free(svg);
	}
	_exit(0);
}

/* Before main: a quire started as the drawing child serves, and never
 * reaches main.  Any other start pays one getenv. */
__attribute__((constructor)) static void
svgc_child(void)
{
	if (getenv(CHILD_ENV) == NULL)
		return;
	unsetenv(CHILD_ENV);
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
	/* Memory is bounded too: filter results are whole canvases, and
	 * a chain of them could fill the machine within the time limit.
	 * (The sanitizers reserve terabytes of address space.) */
	struct rlimit rl = { SVG_MAX_MEMORY, SVG_MAX_MEMORY };

	(void)setrlimit(RLIMIT_AS, &rl);
#endif
	serve();
}
