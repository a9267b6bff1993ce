package org.bridgelab.view;

import java.net.URL;

/** Bundled resources (stylesheets, icons) that fail fast with a clear message instead of a null. */
public final class Resources {
    private Resources() {}

    public static String url(String name) {
        URL url = Resources.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException("Resource not found: " + name);
        }
        return url.toExternalForm();
    }
}
