import CoreMetrics
import Synchronization

/// The counters of one labelled series, each made on its first use and kept.
///
/// Making a `Counter` looks its series up in the registry: the name and every label validated, the labels
/// hashed and compared, a table locked (about three thousand instructions with swift-prometheus). The
/// worker counts every ticket into three such series; this keeps the lookup to one hash of a small key.
/// Series appear in the exposition only once counted, as before.
final class CounterFamily<Key: Hashable & Sendable>: Sendable {
    private let counters = Mutex<[Key: Counter]>([:])
    private let make: @Sendable (Key) -> Counter

    /// A family whose counter for a key is `make(key)`, called once per key.
    init(make: @escaping @Sendable (Key) -> Counter) {
        self.make = make
    }

    /// Adds one to the counter of `key`.
    func increment(_ key: Key) {
        counter(key).increment()
    }

    private func counter(_ key: Key) -> Counter {
        counters.withLock { counters in
            if let counter = counters[key] { return counter }
            let counter = make(key)
            counters[key] = counter
            return counter
        }
    }
}

extension CounterFamily where Key == String {
    /// `quimbi_dead_letters_total{code}`, the series the ticket worker and the note deliverer both count into.
    static func deadLetters(factory: any MetricsFactory) -> CounterFamily<String> {
        CounterFamily { code in Counter(label: "quimbi_dead_letters_total", dimensions: [("code", code)], factory: factory) }
    }
}
