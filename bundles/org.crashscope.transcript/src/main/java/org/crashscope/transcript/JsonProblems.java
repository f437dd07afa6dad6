package org.crashscope.transcript;

/** What a JSON library's complaint says, for a user: its first line, without the exception's class. */
public final class JsonProblems {

    private JsonProblems() {
    }

    public static String describe(Throwable e) {
        String s = e.getMessage();
        if (s == null) {
            return "unreadable";
        }
        String one = s.replaceFirst("^(?:[\\w.]+\\.)?\\w*(?:Exception|Error): ", "");
        int nl = one.indexOf('\n');
        return nl < 0 ? one : one.substring(0, nl);
    }
}
