/** What a store implementation hands a port's contract suite for one test: a fresh, empty store. */
export interface PortHarness<Port> {
  store: Port;
  /** Closes what was opened and deletes the data. */
  cleanup: () => Promise<void>;
}

export type MakeStore<Port> = () => Promise<PortHarness<Port>>;
