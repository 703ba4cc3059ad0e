package dev.plenum.control.store;

/** The databases every database test runs against (see {@link TestDatabases}). */
public enum Engine {
    H2, POSTGRESQL
}
