import "server-only";
import { Readable } from "node:stream";

/** Protocol message codes (https://www.postgresql.org/docs/current/protocol-message-formats.html). */
const COPY_DATA = 0x64; // d
const ERROR_RESPONSE = 0x45; // E
/** Skipped: the start of copy-out, and what the server may intersperse (notification, notice, parameter). */
const SKIPPED = new Set([0x48, 0x41, 0x4e, 0x53]);
const HEADER_BYTES = 5;

/** What this stream needs of pg's connection (pg's own type does not expose its socket). */
interface PgConnection {
  stream: Readable;
  query(text: string): void;
}

/**
 * `COPY … TO STDOUT` as a readable stream of the copied bytes, for `client.query(new
 * CopyDataStream(sql))`: pg-copy-streams' `to`, but one buffer a read of the socket with the
 * message headers cut out in place. A binary COPY sends one message a row, and pg-copy-streams
 * made two buffer objects of each (136 of the 904 MB a detection run of a million positions
 * allocated). Like it, the stream takes the connection's bytes while the COPY runs, reads the
 * socket only as fast as it is read (backpressure reaches the server), and hands the server's
 * reply after the copy (or its error) back to pg.
 */
export class CopyDataStream extends Readable {
  private connection: PgConnection | null = null;
  private pgDataHandler: ((chunk: Buffer) => void) | null = null;
  /** The start of a message header split between two reads of the socket. */
  private held: Buffer | null = null;
  private dataLeft = 0;
  private skipLeft = 0;
  private wanted = false;
  private forwarding = false;
  private readonly onReadable = () => this.forward();

  constructor(private readonly text: string) {
    super();
  }

  /** Called by pg when the query's turn comes. */
  submit(connection: PgConnection): void {
    this.connection = connection;
    const socket = connection.stream;
    const listeners = socket.listeners("data");
    if (listeners.length !== 1) throw new Error(`CopyDataStream: expected pg's one data listener, found ${listeners.length}`);
    this.pgDataHandler = listeners[0] as (chunk: Buffer) => void;
    socket.removeListener("data", this.pgDataHandler);
    socket.pause();
    socket.on("readable", this.onReadable);
    connection.query(this.text);
  }

  override _read(): void {
    this.wanted = true;
    this.forward();
  }

  private forward(): void {
    if (this.forwarding || !this.wanted || !this.connection) return;
    this.forwarding = true;
    let chunk: Buffer | null;
    while (this.wanted && this.connection && (chunk = this.connection.stream.read() as Buffer | null) !== null) this.wanted = this.strip(chunk);
    this.forwarding = false;
  }

  /** Move this read's CopyData payloads to its front (over the headers) and push them. */
  private strip(input: Buffer): boolean {
    const chunk = this.held ? Buffer.concat([this.held, input]) : input;
    this.held = null;
    let read = 0;
    let write = 0;
    while (read < chunk.length) {
      if (this.dataLeft > 0) {
        const n = Math.min(this.dataLeft, chunk.length - read);
        if (write !== read) chunk.copyWithin(write, read, read + n);
        write += n;
        read += n;
        this.dataLeft -= n;
      } else if (this.skipLeft > 0) {
        const n = Math.min(this.skipLeft, chunk.length - read);
        read += n;
        this.skipLeft -= n;
      } else if (chunk[read] === ERROR_RESPONSE) {
        // pg reads the error and calls handleError.
        return this.finish(chunk, write, read, false);
      } else if (chunk.length - read < HEADER_BYTES) {
        this.held = Buffer.from(chunk.subarray(read));
        break;
      } else {
        const code = chunk[read]!;
        const length = chunk.readInt32BE(read + 1) - 4;
        if (code === COPY_DATA) this.dataLeft = length;
        else if (SKIPPED.has(code)) this.skipLeft = length;
        // CopyDone, or anything else that ends copy-out mode: the rest is pg's to read.
        else return this.finish(chunk, write, read, true);
        read += HEADER_BYTES;
      }
    }
    return write > 0 ? this.push(chunk.subarray(0, write)) : true;
  }

  private finish(chunk: Buffer, write: number, restAt: number, ended: boolean): boolean {
    if (write > 0) this.push(chunk.subarray(0, write));
    const connection = this.connection!;
    this.connection = null;
    const socket = connection.stream;
    socket.removeListener("readable", this.onReadable);
    socket.addListener("data", this.pgDataHandler!);
    this.pgDataHandler!(chunk.subarray(restAt));
    // pg's handler may pause the socket while it runs: resume once it has returned.
    process.nextTick(() => socket.resume());
    if (ended) this.push(null);
    return false;
  }

  /** pg: the server's error (a COPY that failed, or a query cancelled). */
  handleError(error: Error): void {
    this.destroy(error);
  }

  handleCommandComplete(): void {}

  handleReadyForQuery(): void {}
}
