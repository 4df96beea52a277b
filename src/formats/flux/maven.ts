/**
 * The Maven side of the Storm project export: `pom.xml` (Apache Storm 2.8 with Flux, its shell
 * wrappers and the shade plugin) and the commands of its README.
 */

/**
 * The Storm release the exported projects pin: the newest 2.8.x whose artifacts this project's
 * CI resolves and runs (`mvn package -Dstorm.version=…` picks another 2.8.x).
 */
export const STORM_VERSION = '2.8.3';
/** Where Maven puts the files of the jar's `resources/`, the folder Storm runs shell components in. */
export const RESOURCES_DIR = 'src/main/resources/resources';

/** The topology jar Maven builds (`target/<artifactId>.jar`). */
export const jarPath = (artifactId: string): string => `target/${artifactId}.jar`;

/**
 * The commands of a project, exactly as its README gives them (and as the CI runs them): build,
 * run on a LocalCluster in this JVM for `seconds`, the same with a Storm installation, submit.
 */
export function stormCommands(artifactId: string, fluxFile: string, seconds = 60) {
  // Both are safe shell words: the artifact id is a folder name ([A-Za-z0-9_-]), the file 'flux.yaml'.
  const jar = jarPath(artifactId);
  return {
    build: 'mvn -q package',
    buildLocal: 'mvn -q package -Plocal',
    runLocal: `java -Dstorm.jar=${jar} -Dstorm.local.sleeptime=${seconds} -cp "${jar}:$(cat target/classpath.txt)" org.apache.storm.LocalCluster org.apache.storm.flux.Flux --no-splash ${fluxFile}`,
    stormLocal: `storm local ${jar} org.apache.storm.flux.Flux ${fluxFile}`,
    submit: `storm jar ${jar} org.apache.storm.flux.Flux --remote ${fluxFile}`,
  };
}

const dependency = (artifactId: string, scope?: string): string[] => [
  '    <dependency>',
  '      <groupId>org.apache.storm</groupId>',
  `      <artifactId>${artifactId}</artifactId>`,
  '      <version>${storm.version}</version>',
  ...(scope ? [`      <scope>${scope}</scope>`] : []),
  '    </dependency>',
];

/**
 * `pom.xml`: flux-core and flux-wrappers in the shaded topology jar, storm-client `provided` (the
 * cluster has it), and a `local` profile that writes `target/classpath.txt` with Storm itself
 * (storm-server, for `org.apache.storm.LocalCluster`) so the same jar runs locally.
 * `artifactId` must be a safe name ({@link folderName}).
 */
export function writePom(artifactId: string): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!-- A Storm topology as a Maven project, written by Storm Studio: README.md has the commands. -->',
    '<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">',
    '  <modelVersion>4.0.0</modelVersion>',
    '  <groupId>storm.studio</groupId>',
    `  <artifactId>${artifactId}</artifactId>`,
    '  <version>1.0.0</version>',
    '  <packaging>jar</packaging>',
    '',
    '  <properties>',
    `    <!-- Apache Storm 2.8 (Java 17 or newer). Another 2.8 release: mvn package -Dstorm.version=2.8.x -->`,
    `    <storm.version>${STORM_VERSION}</storm.version>`,
    '    <maven.compiler.release>17</maven.compiler.release>',
    '    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>',
    '  </properties>',
    '',
    '  <dependencies>',
    '    <!-- Flux builds the topology from flux.yaml; its wrappers run the components as shell processes. -->',
    ...dependency('flux-core'),
    ...dependency('flux-wrappers'),
    '    <!-- Storm itself: the cluster provides it. -->',
    ...dependency('storm-client', 'provided'),
    '  </dependencies>',
    '',
    '  <profiles>',
    '    <!-- mvn package -Plocal also writes target/classpath.txt: Storm\'s jars (with storm-server, which',
    '         has org.apache.storm.LocalCluster) to run the topology jar on a local cluster. -->',
    '    <profile>',
    '      <id>local</id>',
    '      <dependencies>',
    ...dependency('storm-server', 'provided').map((l) => `    ${l}`),
    '      </dependencies>',
    '      <build>',
    '        <plugins>',
    '          <plugin>',
    '            <groupId>org.apache.maven.plugins</groupId>',
    '            <artifactId>maven-dependency-plugin</artifactId>',
    '            <version>3.8.1</version>',
    '            <executions>',
    '              <execution>',
    '                <id>local-classpath</id>',
    '                <phase>package</phase>',
    '                <goals><goal>build-classpath</goal></goals>',
    '                <configuration><outputFile>${project.build.directory}/classpath.txt</outputFile></configuration>',
    '              </execution>',
    '            </executions>',
    '          </plugin>',
    '        </plugins>',
    '      </build>',
    '    </profile>',
    '  </profiles>',
    '',
    '  <build>',
    '    <finalName>${project.artifactId}</finalName>',
    '    <plugins>',
    '      <!-- One jar with Flux, the wrappers and resources/ (the components and their runtimes). -->',
    '      <plugin>',
    '        <groupId>org.apache.maven.plugins</groupId>',
    '        <artifactId>maven-shade-plugin</artifactId>',
    '        <version>3.6.0</version>',
    '        <executions>',
    '          <execution>',
    '            <phase>package</phase>',
    '            <goals><goal>shade</goal></goals>',
    '            <configuration>',
    '              <createDependencyReducedPom>false</createDependencyReducedPom>',
    '              <filters>',
    '                <filter>',
    '                  <artifact>*:*</artifact>',
    '                  <excludes>',
    '                    <exclude>META-INF/*.SF</exclude>',
    '                    <exclude>META-INF/*.DSA</exclude>',
    '                    <exclude>META-INF/*.RSA</exclude>',
    '                  </excludes>',
    '                </filter>',
    '              </filters>',
    '              <transformers>',
    '                <transformer implementation="org.apache.maven.plugins.shade.resource.ServicesResourceTransformer"/>',
    '              </transformers>',
    '            </configuration>',
    '          </execution>',
    '        </executions>',
    '      </plugin>',
    '    </plugins>',
    '  </build>',
    '</project>',
  ];
  return lines.join('\n') + '\n';
}
