package io.gridwatch.store;

import static io.gridwatch.store.StoreFixture.await;
import static io.gridwatch.store.StoreFixture.waterGauge;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.device.SecretHasher;
import io.gridwatch.ingest.DeviceDirectory;
import io.gridwatch.model.Device;
import io.gridwatch.model.KindRegistry;
import io.gridwatch.model.Thresholds;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 3, timeUnit = TimeUnit.MINUTES)
class DeviceStoreTest {

    static StoreFixture store;
    static DeviceStore devices;

    @BeforeAll
    static void startDatabase(Vertx vertx) {
        store = StoreFixture.start(vertx);
        devices = store.database.devices();
    }

    @AfterAll
    static void stopDatabase() {
        store.close();
    }

    @Test
    void anInsertedDeviceIsFoundWithEveryField() {
        // given a smoke detector with thresholds
        Device detector = new Device("smoke-1", KindRegistry.SMOKE, "kitchen", 113.9401, 22.7702, "cell-9",
                new Thresholds(3.5, null), Instant.parse("2026-11-20T08:00:00Z"));
        // when it is registered
        await(devices.insert(detector, "hash-1"));
        // then it reads back equal
        assertThat(await(devices.find("smoke-1"))).contains(detector);
        assertThat(await(devices.find("nobody"))).isEmpty();
    }

    @Test
    void credentialsHoldTheTokenHashForMqttLogIn() {
        // given a device registered with the hash of its token
        String token = SecretHasher.newToken();
        await(devices.insert(waterGauge("gauge-login", "cell-1"), SecretHasher.hashToken(token)));
        // when MQTT looks it up
        DeviceDirectory.Credentials credentials = await(devices.credentials("gauge-login")).orElseThrow();
        // then the token matches the stored hash, and the hash is not the token
        assertThat(credentials.device().id()).isEqualTo("gauge-login");
        assertThat(SecretHasher.matches(credentials.tokenHash(), token)).isTrue();
        assertThat(credentials.tokenHash()).doesNotContain(token);
        assertThat(await(devices.credentials("unknown"))).isEmpty();
    }

    @Test
    void aTakenIdFailsAsDuplicate() {
        // given a registered device
        await(devices.insert(waterGauge("taken", "cell-1"), "hash"));
        // when another registers with its id
        // then it fails naming the id
        assertThatThrownBy(() -> await(devices.insert(waterGauge("taken", "cell-2"), "other")))
                .isInstanceOf(DuplicateDeviceException.class)
                .hasMessage("device \"taken\" is already registered");
        assertThat(await(devices.find("taken")).orElseThrow().cellId()).isEqualTo("cell-1");
    }

    @Test
    void aBatchWithOneTakenIdStoresNothing() {
        // given one registered device
        await(devices.insert(waterGauge("batch-taken", "cell-1"), "hash"));
        // when a batch of three registers, one of them with the taken id
        List<DeviceStore.NewDevice> batch = List.of(
                new DeviceStore.NewDevice(waterGauge("batch-a", "cell-1"), "h"),
                new DeviceStore.NewDevice(waterGauge("batch-taken", "cell-1"), "h"),
                new DeviceStore.NewDevice(waterGauge("batch-b", "cell-1"), "h"));
        // then it fails and none of the new ones is stored
        assertThatThrownBy(() -> await(devices.insertAll(batch))).isInstanceOf(DuplicateDeviceException.class)
                .hasMessageContaining("batch-taken");
        assertThat(await(devices.find("batch-a"))).isEmpty();
        assertThat(await(devices.find("batch-b"))).isEmpty();
    }

    @Test
    void aBatchIsStoredWhole() {
        // when three devices are registered in one batch
        await(devices.insertAll(List.of(
                new DeviceStore.NewDevice(waterGauge("whole-1", "cell-1"), "h"),
                new DeviceStore.NewDevice(waterGauge("whole-2", "cell-1"), "h"),
                new DeviceStore.NewDevice(waterGauge("whole-3", "cell-1"), "h"))));
        // then all three are there
        assertThat(store.count("SELECT count(*) FROM devices WHERE id LIKE 'whole-%'")).isEqualTo(3);
    }

    @Test
    void listingPagesThroughDevicesInIdOrder() {
        // given five devices registered out of order
        for (String id : List.of("list-c", "list-a", "list-e", "list-b", "list-d")) {
            await(devices.insert(waterGauge(id, "cell-1"), "h"));
        }
        // when the devices are listed two at a time
        List<String> all = await(devices.list(1000, 0)).stream().map(Device::id).filter(id -> id.startsWith("list-")).toList();
        int offset = await(devices.list(1000, 0)).stream().map(Device::id).toList().indexOf("list-b");
        List<String> page = await(devices.list(2, offset)).stream().map(Device::id).toList();
        // then they come in id order
        assertThat(all).containsExactly("list-a", "list-b", "list-c", "list-d", "list-e");
        assertThat(page).containsExactly("list-b", "list-c");
        assertThat(await(devices.count())).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aDeviceThatSentNothingHasNoState() {
        await(devices.insert(waterGauge("silent", "cell-1"), "h"));
        assertThat(await(devices.state("silent"))).isEmpty();
    }
}
