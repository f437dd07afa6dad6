package org.crashscope.ui.tests;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;

/** What a menu shows, as a user would see it: its items' texts once it is about to show (dynamic items filled). */
final class MenuItems {

    private MenuItems() {
    }

    static List<String> of(Menu menu) {
        menu.notifyListeners(SWT.Show, new Event());
        List<String> out = new ArrayList<>();
        for (MenuItem item : menu.getItems()) {
            if (!item.getText().isEmpty()) {
                out.add(item.getText());
            }
        }
        return out;
    }
}
