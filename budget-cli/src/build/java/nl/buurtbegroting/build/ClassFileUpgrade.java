package nl.buurtbegroting.build;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Build step of the CLI's jar (run by the antrun plugin after shading; not part of the tool): rewrites the
 * classes under a package prefix from Java 5 class files to Java 8 ones with stack map frames. picocli ships
 * Java 5 class files, which the JVM must verify with its old, slow verifier on every start and which
 * class-data sharing refuses to archive, together with every class of ours that implements a picocli
 * interface; so a run of bin/budget loaded and verified about 200 classes from the jar despite its archive.
 * The code itself is unchanged: only the version and the frames (computed by ASM) are new.
 * Usage: {@code ClassFileUpgrade JAR PREFIX}; the jar is replaced.
 */
public final class ClassFileUpgrade {

    private ClassFileUpgrade() {
    }

    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args[0]);
        String prefix = args[1];
        Path tmp = jar.resolveSibling(jar.getFileName() + ".upgrading");
        int upgraded = 0;
        try (URLClassLoader types = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassFileUpgrade.class.getClassLoader());
             ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                byte[] bytes = in.readAllBytes();
                if (entry.getName().startsWith(prefix) && entry.getName().endsWith(".class")) {
                    bytes = upgrade(bytes, types);
                    upgraded++;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        }
        if (upgraded == 0) {
            Files.delete(tmp);
            throw new IllegalStateException("no class under " + prefix + " in " + jar);
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("ClassFileUpgrade: " + upgraded + " classes under " + prefix + " now Java 8 class files");
    }

    static byte[] upgrade(byte[] bytes, ClassLoader types) {
        ClassReader reader = new ClassReader(bytes);
        if (reader.readUnsignedShort(6) >= Opcodes.V1_8) {
            return bytes;
        }
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            // frames need the common superclass of two types: look them up in the jar itself
            @Override
            protected ClassLoader getClassLoader() {
                return types;
            }
        };
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
            }
        }, ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }
}
