package org.bridgelab.app;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the version in the jar's manifest, or that this is a build from the source tree. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"BridgeLab " + (version == null ? "(built from source, no version)" : version)};
    }
}
