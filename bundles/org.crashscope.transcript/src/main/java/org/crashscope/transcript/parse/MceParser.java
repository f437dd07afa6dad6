package org.crashscope.transcript.parse;

import java.util.List;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.crashscope.transcript.model.MachineCheck;
import org.crashscope.transcript.model.ParsedRecord;
import org.crashscope.transcript.model.Span;

/**
 * The x86 machine-check lines of a log ({@code mce: [Hardware Error]: ...}): one record per CPU
 * and bank, from its {@code CPU N: Machine Check[ Exception]: ... Bank B: STATUS} line through its
 * {@code RIP}, {@code TSC ... ADDR ... MISC} and {@code PROCESSOR ... TIME ... SOCKET ... APIC} lines;
 * a {@code [Hardware Error]} line of the group that belongs to no bank ({@code Machine check events logged}) is a
 * record of its own; the subsystem's other lines ({@code mce: Machine check injector initialized}) are none.
 */
final class MceParser {
    private static final String PREFIX = "mce: ";
    private static final Pattern BANK = Pattern.compile("^CPU (\\d{1,5}): Machine Check( Exception)?: ([0-9a-fA-F]{1,16}) Bank (\\d{1,3}): ([0-9a-fA-F]{1,16})\\b.*$");
    private static final Pattern ADDR = Pattern.compile("\\bADDR ([0-9a-fA-F]{1,16})\\b");
    private static final Pattern MISC = Pattern.compile("\\bMISC ([0-9a-fA-F]{1,16})\\b");
    private static final Pattern TIME = Pattern.compile("\\bTIME (\\d{1,12})\\b");
    private static final Pattern SOCKET = Pattern.compile("\\bSOCKET (\\d{1,4})\\b");
    private static final Pattern APIC = Pattern.compile("\\bAPIC ([0-9a-fA-F]{1,8})\\b");

    private MceParser() {
    }

    static int parse(Span span, int start, LogLine first, IntFunction<String> lines, List<ParsedRecord> out) {
        Builder current = null;
        int line = start;
        for (; line <= span.last(); line++) {
            String raw = lines.apply(line);
            if (raw == null) {
                continue; // joined to the line before (a wrapped mail)
            }
            LogLine l = LogLine.of(raw);
            if (!l.message().startsWith(PREFIX)) {
                break;
            }
            String tagged = l.message().substring(PREFIX.length());
            boolean hardwareError = tagged.startsWith("[Hardware Error]");
            String text = tagged.replaceFirst("^\\[Hardware Error\\]:\\s*", "").strip();
            Matcher bank = BANK.matcher(text);
            if (bank.matches()) {
                if (current != null) {
                    out.add(current.build());
                }
                current = new Builder(line, l.timestamp(), text);
                current.cpu = Integer.valueOf(bank.group(1));
                current.exception = bank.group(2) != null;
                current.bank = Integer.valueOf(bank.group(4));
                current.status = Hex.parse(bank.group(5));
            } else if (current != null && (text.startsWith("TSC ") || text.startsWith("RIP ") || text.startsWith("PROCESSOR ")
                    || text.startsWith("ADDR ") || text.startsWith("MISC "))) {
                current.add(line, text);
            } else {
                if (current != null) {
                    out.add(current.build());
                    current = null;
                }
                if (hardwareError) { // "mce: Machine check injector initialized", "mce: CPU0: Thermal monitoring enabled" are no records
                    out.add(new MachineCheck(Span.line(line), l.timestamp(), text));
                }
            }
        }
        if (current != null) {
            out.add(current.build());
        }
        return line - 1;
    }

    private static final class Builder {
        final int first;
        int last;
        final Double timestamp;
        final StringBuilder text;
        Integer cpu;
        Integer bank;
        boolean exception;
        Long status;
        Long address;
        Long misc;
        Long time;
        Integer socket;
        Integer apic;
        String rip;

        Builder(int line, Double timestamp, String text) {
            this.first = line;
            this.last = line;
            this.timestamp = timestamp;
            this.text = new StringBuilder(text);
        }

        void add(int line, String t) {
            last = line;
            text.append('\n').append(t);
            Matcher m;
            if (t.startsWith("RIP ")) {
                rip = t.substring(4).strip();
            }
            if ((m = ADDR.matcher(t)).find()) {
                address = Hex.parse(m.group(1));
            }
            if ((m = MISC.matcher(t)).find()) {
                misc = Hex.parse(m.group(1));
            }
            if ((m = TIME.matcher(t)).find()) {
                time = Long.valueOf(m.group(1));
            }
            if ((m = SOCKET.matcher(t)).find()) {
                socket = Integer.valueOf(m.group(1));
            }
            if ((m = APIC.matcher(t)).find()) {
                apic = Integer.parseInt(m.group(1), 16);
            }
        }

        MachineCheck build() {
            return new MachineCheck(new Span(first, last), timestamp, cpu, bank, exception, status, address, misc, time, socket, apic, rip,
                    text.toString());
        }
    }
}
