package io.gridwatch.simulator.run;

import io.gridwatch.simulator.scenario.Scenario;
import picocli.CommandLine.ITypeConverter;

/** Reads {@code --scenario normal|fire|flood|storm}. */
final class ScenarioConverter implements ITypeConverter<Scenario> {

    @Override
    public Scenario convert(String value) {
        return Scenario.parse(value);
    }
}
