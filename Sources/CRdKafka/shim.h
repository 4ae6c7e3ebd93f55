#ifndef QUIMBI_CRDKAFKA_SHIM_H
#define QUIMBI_CRDKAFKA_SHIM_H
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

/// Produces one message (payload and key copied) with optional headers, whose ownership passes to
/// librdkafka on success. `opaque` comes back in the delivery report as `rkmessage->_private`.
/// Wraps the variadic rd_kafka_producev, which Swift cannot call.
static inline rd_kafka_resp_err_t quimbi_produce(rd_kafka_t *rk, const char *topic, int32_t partition,
                                                 const void *key, size_t key_len,
                                                 const void *value, size_t value_len,
                                                 rd_kafka_headers_t *headers, void *opaque) {
    return rd_kafka_producev(rk,
                             RD_KAFKA_V_TOPIC(topic),
                             RD_KAFKA_V_PARTITION(partition),
                             RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                             RD_KAFKA_V_KEY(key, key_len),
                             RD_KAFKA_V_VALUE((void *)value, value_len),
                             RD_KAFKA_V_HEADERS(headers),
                             RD_KAFKA_V_OPAQUE(opaque),
                             RD_KAFKA_V_END);
}
#endif
