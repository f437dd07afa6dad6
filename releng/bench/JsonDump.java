import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes what {@code crashscope analyze FILE --format json} and {@code --format json --depth full} print for each FILE
 * into OUT/NAME.json and OUT/NAME.full.json, in one JVM (hundreds of files in seconds), to compare two builds byte for
 * byte: {@code java -cp CLASSPATH releng/bench/JsonDump.java OUT FILE...} (see json-diff.sh).
 */
public final class JsonDump {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        Class<?> main = Class.forName("org.crashscope.cli.Main");
        Constructor<?> make = main.getDeclaredConstructor(PrintStream.class, PrintStream.class);
        make.setAccessible(true);
        Method run = main.getDeclaredMethod("run", String[].class);
        run.setAccessible(true);
        for (int i = 1; i < args.length; i++) {
            String name = args[i].replaceAll("^[./]+", "").replace('/', '_');
            for (boolean full : new boolean[] {false, true}) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                ByteArrayOutputStream errors = new ByteArrayOutputStream();
                PrintStream o = new PrintStream(bytes, false, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(errors, false, StandardCharsets.UTF_8);
                String[] cli = full ? new String[] {"analyze", args[i], "--format", "json", "--depth", "full"} : new String[] {"analyze", args[i], "--format", "json"};
                Object code = run.invoke(make.newInstance(o, e), (Object) cli);
                o.flush();
                e.flush();
                Files.write(out.resolve(name + (full ? ".full.json" : ".json")), bytes.toByteArray());
                Files.writeString(out.resolve(name + (full ? ".full.err" : ".err")), "exit " + code + "\n" + errors.toString(StandardCharsets.UTF_8));
            }
        }
    }
}
