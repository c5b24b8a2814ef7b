/**
 * Reading and writing Pabulib files (pabulib.org), the open format of real participatory-budgeting
 * elections: {@link nl.buurtbegroting.core.pabulib.PabulibReader} turns a {@code .pb} or {@code .pb.gz}
 * file into an {@link nl.buurtbegroting.core.model.Election}, checking every line and reporting the
 * first problem as a {@link nl.buurtbegroting.core.pabulib.PabulibFormatException} with a line, a field
 * and a stable code, and {@link nl.buurtbegroting.core.pabulib.PabulibWriter} writes an election back so
 * that reading it again gives an equal election. No dependencies beyond the JDK.
 */
package nl.buurtbegroting.core.pabulib;
