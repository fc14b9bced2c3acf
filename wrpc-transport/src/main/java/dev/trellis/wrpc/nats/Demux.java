package dev.trellis.wrpc.nats;

import dev.trellis.wrpc.codec.IndexPattern;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.NUID;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One wildcard subscription on {@code _INBOX.<nuid>.>} per client or server, as the Rust transport
 * does, with every reply routed locally to its {@link Exchange} by subject: a call costs no
 * subscribe or unsubscribe round trip. Routing only queues, so one slow call cannot stall another.
 */
final class Demux implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Demux.class);

  private final NatsIo io;
  private final String inbox;
  private final Dispatcher dispatcher;
  private final ConcurrentHashMap<String, Exchange> exchanges = new ConcurrentHashMap<>();

  Demux(NatsIo io) {
    this.io = io;
    this.inbox = io.connection().createInbox() + ".";
    this.dispatcher = io.connection().createDispatcher(this::route);
    dispatcher.subscribe(inbox + ">");
    io.flush(inbox + ">", Duration.ofSeconds(5));
  }

  /** A new exchange {@code <inbox><nuid>} whose sync channel is {@code syncName}. */
  Exchange open(String syncName, List<IndexPattern> patterns, long maxBuffered) {
    String id = NUID.nextGlobal();
    Exchange exchange = new Exchange(this, id, inbox + id, syncName, patterns, maxBuffered);
    exchanges.put(id, exchange);
    return exchange;
  }

  void remove(String id) {
    exchanges.remove(id);
  }

  /** How many exchanges are open (for tests and stats). */
  int open() {
    return exchanges.size();
  }

  private void route(Message message) {
    String subject = message.getSubject();
    if (!subject.startsWith(inbox)) {
      return;
    }
    int dot = subject.indexOf('.', inbox.length());
    String id =
        dot < 0 ? subject.substring(inbox.length()) : subject.substring(inbox.length(), dot);
    Exchange exchange = exchanges.get(id);
    if (exchange == null) {
      LOG.debug("wrpc_message_unrouted subject={}", subject);
      return;
    }
    exchange.accept(dot < 0 ? "" : subject.substring(dot + 1), message);
  }

  @Override
  public void close() {
    io.closeDispatcher(dispatcher);
    exchanges.values().forEach(Exchange::close);
  }
}
