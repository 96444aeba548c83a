package io.gridwatch.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest (the Maven project version). */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = GridwatchCommand.class.getPackage().getImplementationVersion();
        return new String[] {"gridwatch " + (version == null ? "(development build)" : version)};
    }
}
