/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unit tests: util/confine.c judges the file it opens, and a file judged
 * earlier is read again only at the place judged (issue 35).  A link
 * swapped into the path after the check stands for an attacker racing
 * the build: here the swap is made between the calls, so it is certain.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "util/confine.h"
#include "util/diag.h"
#include "util/file.h"

static char top[256];

/* top/REL, in a static buffer (one at a time). */
static const char *
at(const char *rel)
{
	static char p[2][512];
	static int k;

	k ^= 1;
	snprintf(p[k], sizeof(p[k]), "%s/%s", top, rel);
	return p[k];
}

static void
put(const char *rel, const char *text)
{
	FILE *fp = fopen(at(rel), "w");

	if (fp == NULL) {
		perror(at(rel));
		exit(2);
	}
	fputs(text, fp);
	fclose(fp);
}

/* The whole of fd as a string (static buffer). */
static const char *
slurp(int fd)
{
	static char buf[64];
	ssize_t n = read(fd, buf, sizeof(buf) - 1);

	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

int
main(void)
{
	struct confine c;
	char *real = NULL, *data = NULL, tmpl[] = "/tmp/quire-confine.XXXXXX";
	const char *base;
	size_t len;
	int fd, rc;

	diag_quiet = 1;
	if ((base = mkdtemp(tmpl)) == NULL)
		return 2;
	snprintf(top, sizeof(top), "%s", base);
	mkdir(at("book"), 0755);
	mkdir(at("book/sub"), 0755);
	mkdir(at("out"), 0755);
	mkdir(at("out/sub"), 0755);
	put("book/in.md", "INSIDE");
	put("book/sub/ch.md", "CHAPTER");
	put("out/secret", "SECRET");
	put("out/sub/ch.md", "SECRET-DIR");
	confine_init(&c);
	confine_add(&c, at("book"));

	/* Opened at the check: the descriptor is the file judged, even
	 * once a link to a secret has taken its name. */
	CHECK("confine_open: a file inside opens",
	    confine_open(&c, at("book/in.md"), &real, &fd) == CONFINE_OK &&
	    fd >= 0);
	rename(at("book/in.md"), at("book/old.md"));
	(void)symlink(at("out/secret"), at("book/in.md"));
	CHECK_STR("confine_open: the descriptor read is the file judged",
	    slurp(fd), "INSIDE");
	close(fd);
	/* The real path judged, read again later: the link now at its
	 * place is refused, where an ordinary read (all a caller had
	 * before) follows it out of the book. */
	rc = file_read(real, 1024, &data, &len);
	CHECK("file_read of the judged path follows the swapped link (the "
	    "window this closes)", rc == 0 && strcmp(data, "SECRET") == 0);
	free(data);
	data = NULL;
	rc = file_read_confined(real, 1024, &data, &len);
	CHECK("file_read_confined: a link swapped in after the check is "
	    "refused", rc == -1 && errno == ELOOP && data == NULL);
	free(real);

	/* A folder on the way swapped for a link out of the book. */
	CHECK("confine_check: a chapter in a folder inside",
	    confine_check(&c, at("book/sub/ch.md"), &real) == CONFINE_OK);
	rename(at("book/sub"), at("book/sub.old"));
	(void)symlink(at("out/sub"), at("book/sub"));
	rc = file_read_confined(real, 1024, &data, &len);
	CHECK("file_read_confined: a folder swapped for a link is refused",
	    rc == -1 && data == NULL);
	free(data);
	data = NULL;
	free(real);
	CHECK("confine_open: the swapped path now lies outside",
	    confine_open(&c, at("book/sub/ch.md"), &real, &fd) ==
	    CONFINE_OUTSIDE && fd == -1 && real == NULL);

	/* A regular file read through the judged path as usual. */
	CHECK("confine_check: the moved file", confine_check(&c,
	    at("book/old.md"), &real) == CONFINE_OK);
	rc = file_read_confined(real, 1024, &data, &len);
	CHECK("file_read_confined: an unchanged file is read", rc == 0 &&
	    len == 6 && strcmp(data, "INSIDE") == 0);
	free(data);
	free(real);

	/* A FIFO is never opened for reading (it would wait), nor is a
	 * FIFO swapped in for a judged file read. */
	if (mkfifo(at("book/pipe.md"), 0644) == 0) {
		CHECK("confine_open: a FIFO is not a regular file",
		    confine_open(&c, at("book/pipe.md"), &real, &fd) ==
		    CONFINE_NOT_FILE && fd == -1);
		put("book/was-file.md", "x");
		CHECK("confine_check: a file", confine_check(&c,
		    at("book/was-file.md"), &real) == CONFINE_OK);
		unlink(at("book/was-file.md"));
		(void)mkfifo(at("book/was-file.md"), 0644);
		rc = file_read_confined(real, 1024, &data, &len);
		CHECK("file_read_confined: a FIFO swapped in is refused at "
		    "once", rc == -1 && errno == EINVAL);
		free(real);
	}
	confine_free(&c);
	{
		char cmd[300];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", top);
		if (system(cmd) != 0)
			return 2;
	}
	return check_failed;
}
