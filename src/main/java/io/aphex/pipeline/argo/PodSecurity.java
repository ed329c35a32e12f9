package io.aphex.pipeline.argo;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import io.aphex.pipeline.config.Problem;
import io.aphex.pipeline.config.StackConfigSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.annotation.Nullable;

/**
 * The security settings of every stage pod: the WorkflowTemplate's pod-level {@code
 * spec.securityContext} and the {@code securityContext} of every stage container. The defaults
 * ({@link #defaults()}) harden what works with the predecessor's images, which run as root.
 * Unvalidated as given; see {@link #validate(PodSecurity)}, or {@link #fromJson} for the stack
 * config value.
 *
 * @param fsGroup the pod's {@code fsGroup}, from 0 to {@value #MAX_ID}; default {@value
 *     #DEFAULT_FS_GROUP} ({@code nogroup}). The IRSA web identity token ({@code
 *     AWS_WEB_IDENTITY_TOKEN_FILE}) is a projected volume whose file is mode 0600 and owned by
 *     root; with an {@code fsGroup} the kubelet makes it readable by that group, so the stages can
 *     still reach AWS once they run as a non-root user.
 * @param runAsNonRoot the pod's {@code runAsNonRoot}; default {@code false}, because the
 *     predecessor's builder and deployer images run as root. {@code true} makes the kubelet refuse
 *     to start a container whose user is root, so it needs images with a non-root (numeric) {@code
 *     USER}, or a non-root {@code runAsUser}.
 * @param runAsUser the pod's {@code runAsUser}, from 0 to {@value #MAX_ID}; default: empty, meaning
 *     the {@code USER} of each image
 * @param allowPrivilegeEscalation every stage container's {@code allowPrivilegeEscalation}; default
 *     {@code false}, so no process gains privileges through setuid binaries ({@code no_new_privs})
 * @param seccompProfile the seccomp profile of the pod and every stage container; default {@link
 *     SeccompProfile#RUNTIME_DEFAULT}
 * @param readOnlyRootFilesystem every stage container's {@code readOnlyRootFilesystem}; default
 *     {@code false}, because the stages clone into {@code /workspace}, write {@code /tmp/aphex},
 *     and npm, the AWS CLI and Pulumi write under {@code $HOME}: {@code true} needs images and
 *     commands that write nowhere on the root filesystem
 * @param dropAllCapabilities whether every stage container drops all Linux capabilities ({@code
 *     capabilities: {drop: [ALL]}}); default {@code true}. Root without capabilities still owns the
 *     files it creates, but cannot change other users' files, switch users or bind low ports, so
 *     commands such as {@code apt-get install} or {@code sudo} need {@code false}.
 */
public record PodSecurity(
    long fsGroup,
    boolean runAsNonRoot,
    Optional<Long> runAsUser,
    boolean allowPrivilegeEscalation,
    PodSecurity.SeccompProfile seccompProfile,
    boolean readOnlyRootFilesystem,
    boolean dropAllCapabilities) {

  /** The stack config key, and the prefix of every problem location. */
  public static final String CONFIG_KEY = "podSecurity";

  /** The default {@code fsGroup}: 65534, {@code nogroup} (or {@code nobody}) on most images. */
  public static final long DEFAULT_FS_GROUP = 65534;

  /** The highest user or group ID Kubernetes accepts: 2147483647. */
  public static final long MAX_ID = Integer.MAX_VALUE;

  /** The seccomp profiles this component sets. */
  public enum SeccompProfile {
    /** The container runtime's default profile, which blocks rarely needed, risky system calls. */
    RUNTIME_DEFAULT("RuntimeDefault"),
    /**
     * No seccomp filtering at all: a deliberate weakening, only for a stage that needs a system
     * call the runtime's default profile blocks.
     */
    UNCONFINED("Unconfined");

    private final String kubernetesName;

    SeccompProfile(String kubernetesName) {
      this.kubernetesName = kubernetesName;
    }

    /**
     * Returns the name Kubernetes uses in {@code seccompProfile.type}, which is also the name in
     * stack config (Jackson binds and writes the profile by it).
     *
     * @return {@code RuntimeDefault} or {@code Unconfined}
     */
    @JsonValue
    public String kubernetesName() {
      return kubernetesName;
    }
  }

  /** Creates the settings; {@code runAsUser} and {@code seccompProfile} are required. */
  public PodSecurity {
    requireNonNull(runAsUser, "runAsUser");
    requireNonNull(seccompProfile, "seccompProfile");
  }

  /**
   * Returns the defaults: {@code fsGroup} {@value #DEFAULT_FS_GROUP}, {@code runAsNonRoot} false,
   * no {@code runAsUser}, no privilege escalation, the {@code RuntimeDefault} seccomp profile, a
   * writable root filesystem and all capabilities dropped.
   *
   * @return the default settings
   */
  public static PodSecurity defaults() {
    return new PodSecurity(
        DEFAULT_FS_GROUP,
        false,
        Optional.empty(),
        false,
        SeccompProfile.RUNTIME_DEFAULT,
        false,
        true);
  }

  /**
   * Returns a copy with another {@code fsGroup}.
   *
   * @param value the group ID
   * @return the changed settings
   */
  public PodSecurity withFsGroup(long value) {
    return new PodSecurity(
        value,
        runAsNonRoot,
        runAsUser,
        allowPrivilegeEscalation,
        seccompProfile,
        readOnlyRootFilesystem,
        dropAllCapabilities);
  }

  /**
   * Returns a copy that requires a non-root user or not.
   *
   * @param value whether the kubelet refuses containers that would run as root
   * @return the changed settings
   */
  public PodSecurity withRunAsNonRoot(boolean value) {
    return new PodSecurity(
        fsGroup,
        value,
        runAsUser,
        allowPrivilegeEscalation,
        seccompProfile,
        readOnlyRootFilesystem,
        dropAllCapabilities);
  }

  /**
   * Returns a copy that runs the pod as a fixed user.
   *
   * @param value the user ID
   * @return the changed settings
   */
  public PodSecurity withRunAsUser(long value) {
    return new PodSecurity(
        fsGroup,
        runAsNonRoot,
        Optional.of(value),
        allowPrivilegeEscalation,
        seccompProfile,
        readOnlyRootFilesystem,
        dropAllCapabilities);
  }

  /**
   * Returns a copy that allows privilege escalation or not.
   *
   * @param value whether processes may gain privileges, e.g. through setuid binaries
   * @return the changed settings
   */
  public PodSecurity withAllowPrivilegeEscalation(boolean value) {
    return new PodSecurity(
        fsGroup,
        runAsNonRoot,
        runAsUser,
        value,
        seccompProfile,
        readOnlyRootFilesystem,
        dropAllCapabilities);
  }

  /**
   * Returns a copy with another seccomp profile.
   *
   * @param value the profile
   * @return the changed settings
   */
  public PodSecurity withSeccompProfile(SeccompProfile value) {
    return new PodSecurity(
        fsGroup,
        runAsNonRoot,
        runAsUser,
        allowPrivilegeEscalation,
        value,
        readOnlyRootFilesystem,
        dropAllCapabilities);
  }

  /**
   * Returns a copy with a read-only root filesystem or not.
   *
   * @param value whether the stage containers' root filesystem is read-only
   * @return the changed settings
   */
  public PodSecurity withReadOnlyRootFilesystem(boolean value) {
    return new PodSecurity(
        fsGroup,
        runAsNonRoot,
        runAsUser,
        allowPrivilegeEscalation,
        seccompProfile,
        value,
        dropAllCapabilities);
  }

  /**
   * Returns a copy that drops all capabilities or keeps the runtime's default set.
   *
   * @param value whether the stage containers drop all Linux capabilities
   * @return the changed settings
   */
  public PodSecurity withDropAllCapabilities(boolean value) {
    return new PodSecurity(
        fsGroup,
        runAsNonRoot,
        runAsUser,
        allowPrivilegeEscalation,
        seccompProfile,
        readOnlyRootFilesystem,
        value);
  }

  /**
   * Checks the settings against the stack-config schema's rules of {@value #CONFIG_KEY}, for
   * settings made in code as well: {@code fsGroup} and {@code runAsUser} are 0 to {@value #MAX_ID},
   * and {@code runAsNonRoot} is not combined with {@code runAsUser} 0 (root), which would keep
   * every stage pod from starting.
   *
   * @param settings the settings to check
   * @return every problem found, located at {@code podSecurity.fsGroup}, {@code
   *     podSecurity.runAsUser} or {@code podSecurity.runAsNonRoot}; empty when the settings are
   *     valid
   */
  public static List<Problem> validate(PodSecurity settings) {
    return StackConfigSchema.checkSetting(CONFIG_KEY, settings);
  }

  /**
   * Binds the JSON object of the stack config key {@value #CONFIG_KEY}, as checked by the published
   * stack-config schema: every field is optional, and a missing or null field takes its default
   * (see {@link #defaults()}).
   *
   * @param fsGroup the group ID, or null for {@value #DEFAULT_FS_GROUP}
   * @param runAsNonRoot or null for false
   * @param runAsUser or null for none
   * @param allowPrivilegeEscalation or null for false
   * @param seccompProfile bound by its Kubernetes name, or null for {@code RuntimeDefault}
   * @param readOnlyRootFilesystem or null for false
   * @param dropAllCapabilities or null for true
   * @return the settings, not yet validated (see {@link #validate(PodSecurity)})
   */
  @JsonCreator
  public static PodSecurity fromJson(
      @JsonProperty("fsGroup") @Nullable Long fsGroup,
      @JsonProperty("runAsNonRoot") @Nullable Boolean runAsNonRoot,
      @JsonProperty("runAsUser") @Nullable Long runAsUser,
      @JsonProperty("allowPrivilegeEscalation") @Nullable Boolean allowPrivilegeEscalation,
      @JsonProperty("seccompProfile") @Nullable SeccompProfile seccompProfile,
      @JsonProperty("readOnlyRootFilesystem") @Nullable Boolean readOnlyRootFilesystem,
      @JsonProperty("dropAllCapabilities") @Nullable Boolean dropAllCapabilities) {
    PodSecurity d = defaults();
    return new PodSecurity(
        fsGroup == null ? d.fsGroup() : fsGroup,
        runAsNonRoot == null ? d.runAsNonRoot() : runAsNonRoot,
        Optional.ofNullable(runAsUser),
        allowPrivilegeEscalation == null ? d.allowPrivilegeEscalation() : allowPrivilegeEscalation,
        seccompProfile == null ? d.seccompProfile() : seccompProfile,
        readOnlyRootFilesystem == null ? d.readOnlyRootFilesystem() : readOnlyRootFilesystem,
        dropAllCapabilities == null ? d.dropAllCapabilities() : dropAllCapabilities);
  }

  /**
   * Returns the WorkflowTemplate's pod-level {@code spec.securityContext}. The IDs are written as
   * {@code Integer}s: the Pulumi Java SDK cannot serialize a {@code Long} resource input.
   *
   * @return an ordered map: fsGroup, runAsNonRoot, runAsUser (when set), seccompProfile
   * @throws IllegalArgumentException when {@link #validate(PodSecurity)} finds a problem
   */
  Map<String, Object> podSecurityContext() {
    List<Problem> problems = validate(this);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid pod security settings: "
              + problems.stream().map(Problem::message).collect(Collectors.joining("; ")));
    }
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("fsGroup", Math.toIntExact(fsGroup));
    context.put("runAsNonRoot", runAsNonRoot);
    runAsUser.ifPresent(user -> context.put("runAsUser", Math.toIntExact(user)));
    context.put("seccompProfile", seccomp());
    return context;
  }

  /**
   * Returns the {@code securityContext} of a stage container.
   *
   * @return an ordered map: allowPrivilegeEscalation, readOnlyRootFilesystem, capabilities (when
   *     all are dropped), seccompProfile
   */
  Map<String, Object> containerSecurityContext() {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("allowPrivilegeEscalation", allowPrivilegeEscalation);
    context.put("readOnlyRootFilesystem", readOnlyRootFilesystem);
    if (dropAllCapabilities) {
      context.put("capabilities", Map.of("drop", List.of("ALL")));
    }
    context.put("seccompProfile", seccomp());
    return context;
  }

  private Map<String, Object> seccomp() {
    return Map.of("type", seccompProfile.kubernetesName());
  }
}
