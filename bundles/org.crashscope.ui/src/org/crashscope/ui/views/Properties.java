package org.crashscope.ui.views;

import java.util.ArrayList;
import java.util.List;

import org.crashscope.presentation.StackWord;
import org.crashscope.presentation.Step;
import org.crashscope.report.notes.Note;
import org.crashscope.arch.paging.TableSlot;
import org.crashscope.arch.paging.WalkStep;
import org.eclipse.core.runtime.IAdapterFactory;
import org.eclipse.ui.views.properties.IPropertyDescriptor;
import org.eclipse.ui.views.properties.IPropertySource;
import org.eclipse.ui.views.properties.PropertyDescriptor;
import org.crashscope.ui.editor.CaretValue;

/**
 * Shows what the views select in the Properties view: a page-table slot (with its anomaly), a walk
 * step, a stack word, a finding, a note. Registered in plugin.xml as an adapter factory.
 */
public final class Properties implements IAdapterFactory {

    /** Rows of name/value in a category. */
    record Source(List<String[]> rows) implements IPropertySource {

        Source add(String category, String name, Object value) {
            if (value != null && !String.valueOf(value).isEmpty()) {
                rows.add(new String[] {category, name, String.valueOf(value)});
            }
            return this;
        }

        @Override
        public Object getEditableValue() {
            return this;
        }

        @Override
        public IPropertyDescriptor[] getPropertyDescriptors() {
            IPropertyDescriptor[] out = new IPropertyDescriptor[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                PropertyDescriptor d = new PropertyDescriptor(i, rows.get(i)[1]);
                d.setCategory(rows.get(i)[0]);
                out[i] = d;
            }
            return out;
        }

        @Override
        public Object getPropertyValue(Object id) {
            return rows.get((Integer) id)[2];
        }

        @Override
        public boolean isPropertySet(Object id) {
            return false;
        }

        @Override
        public void resetPropertyValue(Object id) {
            // read-only: the transcript is evidence
        }

        @Override
        public void setPropertyValue(Object id, Object value) {
            // read-only: the transcript is evidence
        }
    }

    /** What an entry points to, or what a non-present one is; nothing claimed for an architecture that is not modelled. */
    private static void entry(Source s, org.crashscope.arch.paging.Entry e, org.crashscope.arch.paging.NonPresent np, boolean empty) {
        if (!e.modelled()) {
            s.add("Entry", "decoded", "no: this architecture's paging is not modelled; the value is as crash printed it");
        } else if (np != null) {
            s.add("Entry", "not present", np.describe()).add("Entry", "why", np.evidence())
                    .add("Entry", "swap type", np.swap().type()).add("Entry", "swap offset", hex(np.swap().offset()));
        } else if (!empty && e.present()) {
            s.add("Entry", e.leaf() ? "page" : "next table", hex(e.physical())).add("Entry", "page size", e.leaf() ? e.pageSize() : null);
        } else if (!empty) {
            s.add("Entry", "not present", "yes");
        }
    }

    /** The properties of a view's selection, or {@code null} for anything else. */
    public static IPropertySource of(Object o) {
        Source s = new Source(new ArrayList<>());
        switch (o) {
            case TableSlot t -> {
                s.add("Slot", "index", "0x" + Integer.toHexString(t.index())).add("Slot", "address", hex(t.address())).add("Slot", "line", t.line())
                        .add("Entry", "value", String.format("0x%016x", t.entry().value())).add("Entry", "flags", String.join("|", t.entry().flagNames()));
                entry(s, t.entry(), t.nonPresent(), t.empty());
                s.add("Maps", "virtual from", t.mapsFrom() == null ? null : hex(t.mapsFrom()))
                        .add("Maps", "virtual to", t.mapsTo() == null ? null : hex(t.mapsTo()));
            }
            case WalkStep w -> {
                s.add("Step", "level", w.level()).add("Step", "index", w.index() == null ? null : "0x" + Integer.toHexString(w.index()))
                        .add("Step", "table base", w.tableBase() == null ? null : hex(w.tableBase()))
                        .add("Step", "entry address", w.entryAddress() == null ? null : hex(w.entryAddress()))
                        .add("Step", "expected entry address", w.expectedEntry() == null ? null : hex(w.expectedEntry()))
                        .add("Entry", "value", hex(w.entry().value()))
                        .add("Entry", "flags", w.entry().modelled() ? String.join("|", w.entry().flagNames()) : w.flagText())
                        .add("Step", "line", w.line());
                entry(s, w.entry(), w.nonPresent(), w.entry().empty());
            }
            case StackWord a -> s.add("Stack word", "address", hex(a.slot().address()))
                    .add("Stack word", "value", a.slot().value() == null ? a.slot().symbol() : hex(a.slot().value()))
                    .add("Stack word", "line", a.slot().line()).add("Meaning", "what", a.label()).add("Meaning", "rule", a.rule())
                    .add("Meaning", "confidence", a.labelled() ? a.confidence() : null)
                    .add("Meaning", "same value in", a.places().text());
            case Step f -> s.add("Finding", "kind", f.kind()).add("Finding", "text", f.text()).add("Finding", "confidence", f.confidence())
                    .add("Finding", "evidence lines", String.join(", ", f.evidence().stream().map(String::valueOf).toList()))
                    .add("Finding", "next command", f.nextCommand());
            case CaretValue v -> {
                s.add("Value", "text", v.token()).add("Value", "hex", String.format("0x%x", v.value())).add("Value", "decimal", Long.toUnsignedString(v.value()))
                        .add("Value", "line", v.line());
                var canonical = org.crashscope.arch.Architectures.of(v.arch()).canonical(v.value());
                if (canonical != null) {
                    s.add("Value", canonical.check(), canonical.canonical() ? "yes" : "no (" + canonical.assuming() + ")");
                }
                if (v.meanings().isEmpty()) {
                    s.add("Meanings", "none", "the analysis knows nothing else about this value");
                }
                int i = 0;
                for (var m : v.meanings()) {
                    s.add("Meanings", ++i + ". " + m.kind(), m.text() + " (line " + m.line() + ")");
                }
            }
            case org.crashscope.presentation.Presentation.HardwareRow r -> s.add("Record", "kind", r.kind()).add("Record", "time", r.time()).add("Record", "severity", r.severity())
                    .add("Record", "type", r.type()).add("Record", "physical address", r.physical() == null ? null : hex(r.physical()))
                    .add("Record", "where", r.where()).add("Record", "lines", r.first() + "-" + r.last())
                    .add("Record", "before the crash", r.beforeOops());
            case org.crashscope.presentation.Presentation.RegisterRow r -> s.add("Register", "name", r.register().toUpperCase(java.util.Locale.ROOT))
                    .add("Register", "value", hex(r.value())).add("Register", "decimal", Long.toUnsignedString(r.value()))
                    .add("Register", "faulting instruction's address register", r.faulting() ? "yes" : null)
                    .add("Same value", "places", r.places().total() == 0 ? "nowhere else" : r.places().text());
            case org.crashscope.transcript.model.Frame f -> s.add("Frame", "index", f.index() < 0 ? null : "#" + f.index()).add("Frame", "function", f.function())
                    .add("Frame", "offset", "0x" + Long.toHexString(f.offset())).add("Frame", "stack address", hex(f.stackAddress()))
                    .add("Frame", "return address", f.address() == null ? null : hex(f.address())).add("Frame", "module", f.module())
                    .add("Frame", "source", f.source()).add("Frame", "unreliable (crash's ?)", f.unreliable() ? "yes" : null).add("Frame", "line", f.line());
            case org.crashscope.presentation.Outline.Node n -> s.add("Outline", "what", n.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                    .add("Outline", "label", n.label()).add("Outline", "lines", n.firstLine() + "-" + n.lastLine())
                    .add("Outline", "parts", n.children().isEmpty() ? null : n.children().size());
            case Note n -> s.add("Note", "lines", n.firstLine() + "-" + n.lastLine()).add("Note", "text", n.text()).add("Note", "by", n.author())
                    .add("Note", "created", n.created());
            default -> {
                return null;
            }
        }
        return s;
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    @Override
    public <T> T getAdapter(Object adaptableObject, Class<T> adapterType) {
        return adapterType == IPropertySource.class ? adapterType.cast(of(adaptableObject)) : null;
    }

    @Override
    public Class<?>[] getAdapterList() {
        return new Class<?>[] {IPropertySource.class};
    }
}
