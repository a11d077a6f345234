/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * params.h - the layout's fixed proportions, colours and limits, in one
 * place.
 *
 * What a reader may change lives in the style (styles/default.yaml) and
 * is read in layout.c and table.c; these are the choices the style does
 * not reach.  A factor multiplies the font size it applies to unless its
 * comment says otherwise; lengths are PostScript points; colours are
 * 0xRRGGBB.
 */
#ifndef QUIRE_LO_PARAMS_H
#define QUIRE_LO_PARAMS_H

/* ---- colours ---- */
#define TEXT_RGB	0x111111	/* text: a black that prints softly */
#define LINK_RGB	0x1A4D8F	/* links a reader can follow */
#define SECONDARY_RGB	0x555555	/* subtitle, byline, raw HTML */
/* Every grey rule: under the title and top-level headings, thematic
 * breaks, between table rows.  Tables used a lighter 0x9A9A9A of their
 * own; one grey keeps the page's rules of a piece. */
#define RULE_RGB	0x888888
#define HEADER_RULE_RGB	0x444444	/* rules around a table's header */
#define QUOTE_BAR_RGB	0x999999	/* the bar beside a quote */
#define CODE_BG_RGB	0xF0F0F0	/* the shade behind code */
#define CODE_MARK_RGB	0x999999	/* the mark of a wrapped code line */
#define FOOTER_RULE_RGB	0xAAAAAA	/* the footer's hairline */
#define FOOTER_RGB	0x666666	/* the footer's title and number */

/* ---- a line of text ---- */
/* The baseline sits half the leading plus the ascent below the line's
 * top, so the extra leading is shared above and below the text. */
#define ASCENT		0.8

static inline double
lo_baseline(double size, double lead)
{
	return size * (0.5 * (lead - 1) + ASCENT);
}

#define SPACE_STRETCH	0.6	/* of a space's width */
#define SPACE_SHRINK	0.35	/* of a space's width */
/* A space in inline code (0.546 em of Anonymous Pro, a word space of
 * Charis SIL is 0.29 em) stretches by this share of its width: at the
 * breaker's first tolerance (a ratio of 1.5) it is 0.59 em wide, under
 * what a loose word gap is (0.6 em), and past it the line's emergency
 * stretch takes over; it shrinks as a word space does, to 0.36 em. */
#define CODE_SPACE_STRETCH 0.06
/* Inline code: Anonymous Pro's x-height (0.455) is under Charis SIL's
 * (0.482), so it keeps the text's size; it is as wide a character
 * (0.546 em) as DejaVu Sans Mono was at 0.9. */
#define CODE_SPAN_SIZE	1.0
#define SCRIPT_SIZE	0.7	/* superscripts and subscripts */
#define SUP_RISE	0.35	/* above the surrounding baseline */
#define SUB_RISE	(-0.15)
#define STRIKE_RISE	0.3	/* the strike-through rule's height */
#define STRIKE_WIDTH	(1.0 / 16)	/* and its thickness */
#define UNDERLINE_DROP	0.12	/* an underline's depth below the baseline */
#define SMALL_SIZE	0.85	/* <small> */
#define MARK_HEIGHT	1.0	/* a highlight's height (ascent + descent) */
#define MARK_RGB	0xFFF0A0	/* a highlight: pale yellow, black text
					   on it keeps a contrast of 18:1 */
/* Link areas of one link closer than this are joined into one. */
#define LINK_JOIN	2
/* A line stretched beyond this ratio (word gaps of about 1.5 em: a
 * forced line, or a few words before a long address cut into lines of
 * its own) is set with plain spaces rather than gaping ones; an
 * overfull line (below -1) too. */
#define LONG_WORD	3	/* a word this many lines wide is cut greedily */
#define MAX_SET_RATIO	6
/* The emergency stretch of a justified line, one whose word spaces
 * would open beyond this ratio (the breaker's first tolerance, gaps of
 * 0.55 em in Charis SIL) when its glyphs are at their widest: the rest
 * goes to its glyphs, up to EMERGENCY_EXPAND times pdf.expansion
 * (2.5 % for 2 %), then between its letters, up to pdf.tracking
 * thousandths of the size a glyph (20 by default, a typesetter's units
 * of tracking), as a typesetter tracks a loose line out instead of
 * leaving it to gape. */
#define TRACK_FROM	1.5
#define EMERGENCY_EXPAND 1.25

/* ---- line breaking (Knuth-Plass) ---- */
/* Stands for infinity in stretch, ratios and demerits while staying a
 * finite double: a closing glue's stretch, the second pass's tolerance,
 * a forced line's demerits. */
#define LO_INF		1e9
#define HYPH_PEN	50	/* a break at a hyphenation point */
#define SLASH_PEN	60	/* inside a cut word, after / . - _ ? & = # */
#define CHAR_PEN	900	/* inside a cut word, anywhere else */
/* Inline code of this many bytes or more may break after / . = | , ; :
 * and before "--", at this penalty and without a hyphen. */
#define CODE_BREAK_MIN	12
#define CODE_BREAK_PEN	50
/* Inside a name in such code: at a camel-case hump, after ( [ {,
 * before a single _ or -. */
#define CODE_HUMP_PEN	200
#define EXPLICIT_PEN	50	/* after a word's own hyphen, slash or dash */
#define RAGGED_HYPH_PEN	250	/* added in ragged text */
#define LINE_PEN	10.0	/* every line, so fewer lines win */
/* Two hyphenated lines in a row, and a hyphenated line before the last
 * (TeX's \doublehyphendemerits and \finalhyphendemerits).  A final
 * value near TeX's still left stubs such as "under-" / "standing." in
 * long paragraphs; at 100000 (a line stretched to a ratio of about
 * 1.45) only paragraphs of two lines keep one, where the other way is
 * a line looser still. */
#define FLAG_DEM	10000.0
#define FINAL_HYPH_DEM	100000.0
/* The same when the last line is shorter than STUB_SHARE of the
 * measure (as tests/pdfmeasure.py counts a stub): dear as a line
 * stretched to a ratio of about 2.3 (word gaps of 0.7 em in Charis
 * SIL), as loose a line as is worth a word kept whole.  The seed's two
 * list items ("applica-" / "tions.", "func-" / "tionality.") need one
 * looser still and keep their stub. */
#define FINAL_STUB_DEM	1500000.0
#define STUB_SHARE	0.2
#define FIT_DEM		3000.0	/* a tight line next to a loose one */
#define MAX_BADNESS	1e6
#define FIRST_TOLERANCE	1.5	/* the first pass's largest ratio */
/* Ragged lines are scored as if they could stretch by this share of the
 * measure, so a line's shortfall counts and not its spaces. */
#define RAGGED_STRETCH	0.25

/* ---- blocks ---- */
#define PAR_SKIP	0.55	/* between paragraphs, of the body size */
#define CELL_PAR_SKIP	0.4	/* between paragraphs in a table cell */
/* Headings 1 to 6 (index 0 unused).  For a 130 mm block a steeper scale
 * (1.75, 1.4, 1.2, made for 170 mm) broke many a level-1 heading over
 * two lines; these keep 40 characters of Linux Biolinum bold on a line
 * at level 1 and still step clearly, about 1.2 apart at the top. */
#define HEADING_SIZES	{ 0, 1.6, 1.3, 1.15, 1.05, 1.0, 0.95 }
#define HEAD_SKIP_TOP	1.1	/* above a heading of level 1 or 2 */
#define HEAD_SKIP	0.9	/* above the others */
#define HEAD_SKIP_BELOW	0.45
#define HEAD_RULE_GAP	1	/* points from the heading to its rule */
#define HEAD_RULE_LW	0.4	/* points */
#define RULE_SKIP	0.5	/* a thematic break: space around it */
#define RULE_HEIGHT	0.5	/* its own height */
#define RULE_RISE	0.25	/* its line, below the entry's top */
#define RULE_INDENT	0.3	/* its line starts this share of the */
#define RULE_LENGTH	0.4	/* measure in and is this share long */
#define RULE_LW		0.5	/* points */
#define TITLE_RULE_LW	0.8	/* the full-width rule under the title */
#define CODE_LEADING	1.3	/* code lines, of the code size */
#define CODE_PAD	0.6	/* the shade around code */
#define CODE_BASE	1.0	/* the baseline below a code line's top */
#define CODE_MARK_GAP	0.3	/* after the continuation mark */
#define TAB_STOP	4	/* columns */
/* A listing of up to this many lines is never split across pages; a
 * longer one keeps at least CODE_KEEP_LINES on each side. */
#define CODE_KEEP_WHOLE	12
#define CODE_KEEP_LINES	3
/* Lists and quotes indent only a measure wider than this many sizes. */
#define MIN_INDENT_MEASURE 8
#define LIST_INDENT	1.6
#define LIST_MARK_GAP	0.45	/* between a marker and its item */
#define LIST_SKIP	0.8	/* around a list, of the paragraph space */
#define TIGHT_SKIP	0.25	/* between the items of a tight list */
#define QUOTE_INDENT	1.2
#define QUOTE_BAR_X	2	/* points from the quote's left edge */
#define QUOTE_BAR_W	2	/* points */
/* GitHub's alerts: the colours of note, tip, important, warning and
 * caution (its own, a little darker for print), for the bar and the
 * title. */
#define ALERT_RGB	{ 0x0969DA, 0x1A7F37, 0x8250DF, 0x9A6700, 0xCF222E }
#define ALERT_BAR_W	3	/* points */
#define ALERT_TITLE_GAP	0.15	/* under the title */
#define FIGURE_MAX_H	0.75	/* an image, of the page's body height */
#define CAPTION_SIZE	0.85
#define CAPTION_GAP	0.3
#define TITLEPAGE_DROP	0.3	/* the title page's title, down the page */
#define TOC_TITLE_SIZE	1.6	/* the contents' heading: a level 1's */
#define TOC_INDENT	1.5	/* a level of the contents, in ems */
#define TOC_CHAPTER_SKIP 0.5	/* above a chapter's entry, in ems */
#define TOC_GAP		1.5	/* between a title and its page number */
#define DEF_INDENT	1.8	/* a definition's indent, in ems */
#define DEF_SKIP	0.2	/* between a term and its definition, ems */
#define PX		0.75	/* a CSS pixel in points (96 px = 72 pt) */
#define TITLE_SIZE	2.0	/* the title block, of the body size */
#define SUBTITLE_GAP	0.3
#define SUBTITLE_SIZE	1.3
#define BYLINE_GAP	0.6
#define BYLINE_SIZE	0.95

/* ---- tables ---- */
#define CELL_VPAD	0.7	/* vertical padding, of the horizontal */
#define HEADER_RULE_W	2	/* the header's rules, times rule-width */
#define SIZE_STEP	0.5	/* points a table shrinks by per try */
/* A table too wide for the measure may reach this near the paper's
 * side edges (points; 20 mm). */
#define TABLE_PAGE_MARGIN 56.69
#define CONTINUED_SIZE	0.85	/* "(continued)" under a split row's label */
/* A column's content width takes a quote as indented by one size and a
 * code block as 4 (shortest) to 30 (longest line) sizes wide. */
#define MEASURE_QUOTE_INDENT 1
#define CODE_MIN_WIDTH	4
#define CODE_MAX_WIDTH	30

/* ---- pages ---- */
#define FIT_SLACK	0.01	/* points of rounding an entry may overrun */
#define FOOTER_ROOM	20	/* points above the bottom margin */
#define FOOTER_SIZE	8	/* points */
#define FOOTER_RULE_UP	1.4	/* the hairline, above the footer's base */
#define FOOTER_RULE_LW	0.3	/* points */
#define FOOTER_GAP	20	/* points between title and page number */
#define FOOTER_TITLE_MAX 400	/* bytes of the title set in a footer */

/* ---- footnotes (foot.c) ---- */
#define NOTE_SIZE	0.8	/* of the body size */
#define NOTE_PAR_SKIP	0.35	/* between a note's paragraphs */
#define NOTE_GAP	0.3	/* between two notes */
#define NOTE_INDENT	1.8	/* the number's room before the text */
#define NOTE_NUM_GAP	0.5	/* from the number to the text */
#define NOTE_RULE_SKIP	1.0	/* above the rule, of the body size */
#define NOTE_RULE_GAP	0.6	/* below it, of the note size */
#define NOTE_RULE_LENGTH 0.3	/* of the measure */
#define NOTE_RULE_LW	0.5	/* points */
/* A note of fewer lines is never split (its reference moves on instead);
 * a split leaves at least NOTE_KEEP_LINES on each page. */
#define NOTE_SPLIT_LINES 4
#define NOTE_KEEP_LINES	2
/* A note continued from the page before takes at most this share of the
 * body's height, so the text goes on too. */
#define NOTE_MAX_SHARE	0.5
/* The lines kept with one that calls for notes are looked at this far. */
#define MAX_KEPT	8

/* ---- limits ---- */
/* No nesting limits of its own: the model bounds nesting (doc.h). */
#define MAX_GLYPH_WARNINGS 8

#endif
