// SPDX-License-Identifier: GPL-3.0-or-later
// tests/epubcheck.java - EPUBCheck over many books in one JVM, for the
// suite (tests/lib.sh's epubcheck_all).  Starting the JVM and loading the
// schemas is most of what one `java -jar epubcheck` run costs (4 to 8 s of
// CPU a book); in one JVM each further book takes a fraction of a second.
//
//   java -Xss1024k -cp /usr/bin/epubcheck tests/epubcheck.java \
//       BOOK.epub LOG...
//
// Arguments come in pairs: each BOOK is checked exactly as the command
// line tool checks it (com.adobe.epubcheck.tool.EpubChecker, the class
// behind `epubcheck BOOK`), and everything that run prints goes to LOG,
// followed by a line "exit N" with the status the tool would exit with.
// A book that throws gets the stack trace in its LOG and "exit 70"; the
// others are still checked.  Exits 0 when every book was checked (its
// verdict is in its LOG), 2 on bad arguments.
import com.adobe.epubcheck.tool.EpubChecker;
import java.io.FileOutputStream;
import java.io.PrintStream;

public class epubcheck {
	public static void main(String[] args) throws Exception {
		if (args.length == 0 || args.length % 2 != 0) {
			System.err.println("usage: epubcheck.java BOOK.epub LOG...");
			System.exit(2);
		}
		PrintStream out = System.out, err = System.err;
		for (int i = 0; i < args.length; i += 2) {
			int rc;
			try (PrintStream log = new PrintStream(
			    new FileOutputStream(args[i + 1]), true, "UTF-8")) {
				System.setOut(log);
				System.setErr(log);
				try {
					rc = new EpubChecker().run(new String[] { args[i] });
				} catch (Throwable t) {
					t.printStackTrace(log);
					rc = 70;
				}
				System.out.flush();
				log.println("exit " + rc);
			} finally {
				System.setOut(out);
				System.setErr(err);
			}
		}
		System.exit(0);
	}
}
