/**
 * The Buurtbegroting REST service: neighbourhood teams configure elections and proposals, residents
 * vote, and results are published with an audit bundle. One feature per sub-package (controller,
 * repository and records together); this package holds only the entry point, what makes starts fast
 * (FlywaySkip, TrainingRun) and shared beans. No two sub-packages depend on each other
 * (PackageDependenciesTest); the module README draws the layers.
 */
package nl.buurtbegroting.service;
