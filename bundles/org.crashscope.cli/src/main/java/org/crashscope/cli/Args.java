package org.crashscope.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of one command: one FILE and options that take a value ({@code --format json},
 * {@code --format=json}, {@code -o OUT}). Problems are returned as text, never thrown.
 *
 * @param problem what is wrong with the arguments, or {@code null}
 */
record Args(String file, Map<String, String> options, String problem) {

    /**
     * @param aliases option spellings to their canonical names, e.g. {@code -f -> --format}
     */
    static Args parse(List<String> args, Map<String, String> aliases) {
        Map<String, String> options = new HashMap<>();
        String file = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int eq = arg.indexOf('=');
            String name = aliases.get(arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg);
            if (name != null) {
                if (arg.startsWith("--") && eq > 0) {
                    options.put(name, arg.substring(eq + 1));
                } else if (i + 1 == args.size()) {
                    return new Args(null, options, arg + " needs a value");
                } else {
                    options.put(name, args.get(++i));
                }
            } else if (arg.startsWith("-") && arg.length() > 1) {
                return new Args(null, options, "unknown option '" + arg + "'");
            } else if (file == null) {
                file = arg;
            } else {
                return new Args(null, options, "only one FILE, got '" + file + "' and '" + arg + "'");
            }
        }
        return new Args(file, options, null);
    }
}
