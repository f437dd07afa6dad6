package org.crashscope.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of one command: one FILE and options that take a value ({@code --format json},
 * {@code --format=json}, {@code -o OUT}); an option may be repeated ({@code --rules}). Problems are
 * returned as text, never thrown.
 *
 * @param problem what is wrong with the arguments, or {@code null}
 */
record Args(String file, Map<String, String> options, Map<String, List<String>> repeated, String problem) {

    /** Every value an option was given, in order ({@code --rules A --rules B}). */
    List<String> all(String name) {
        return repeated.getOrDefault(name, List.of());
    }


    /**
     * @param aliases option spellings to their canonical names, e.g. {@code -f -> --format}
     */
    static Args parse(List<String> args, Map<String, String> aliases) {
        Map<String, String> options = new HashMap<>();
        Map<String, List<String>> repeated = new HashMap<>();
        String file = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int eq = arg.indexOf('=');
            String name = aliases.get(arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg);
            if (name != null) {
                String value;
                if (arg.startsWith("--") && eq > 0) {
                    value = arg.substring(eq + 1);
                } else if (i + 1 == args.size()) {
                    return new Args(null, options, repeated, arg + " needs a value");
                } else {
                    value = args.get(++i);
                }
                options.put(name, value);
                repeated.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(value);
            } else if (arg.startsWith("-") && arg.length() > 1) {
                return new Args(null, options, repeated, "unknown option '" + arg + "'");
            } else if (file == null) {
                file = arg;
            } else {
                return new Args(null, options, repeated, "only one FILE, got '" + file + "' and '" + arg + "'");
            }
        }
        return new Args(file, options, repeated, null);
    }
}
