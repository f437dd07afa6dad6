package org.crashscope.ui.markers;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.crashscope.presentation.Problems;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspaceRoot;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.resources.WorkspaceJob;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.ui.ide.IDE;
import org.crashscope.ui.editor.TranscriptEditor;

/**
 * Puts a transcript's problems (anomalies, walks that do not add up, what the parsers could not
 * read) into the Problems view. The Problems view lists markers of workspace files, so an open
 * transcript gets a link in a project of its own ({@value #PROJECT}); the link, and with it the
 * markers, goes when the editor closes. The transcript itself is never touched.
 */
public final class TranscriptProblems {

    static final String MARKER = "org.crashscope.ui.problem";
    static final String PROJECT = "crashscope-transcripts";
    /** The job family of marker updates, for tests that wait for them. */
    static final Object FAMILY = TranscriptProblems.class;

    private TranscriptProblems() {
    }

    /** The linked workspace file standing for {@code transcript} (not created). */
    static IFile linkOf(Path transcript) {
        IWorkspaceRoot root = ResourcesPlugin.getWorkspace().getRoot();
        String folder = String.format(Locale.ROOT, "%08x", transcript.getParent() == null ? 0 : transcript.getParent().toString().hashCode());
        return root.getProject(PROJECT).getFolder(folder).getFile(transcript.getFileName().toString());
    }

    /** Replaces the markers of {@code transcript} with {@code problems}, in a workspace job. */
    public static void publish(Path transcript, List<Problems.Problem> problems) {
        schedule("Listing the problems of " + transcript.getFileName(), monitor -> {
            IFile file = linkOf(transcript);
            IProject project = file.getProject();
            if (!project.exists()) {
                project.create(monitor);
            }
            if (!project.isOpen()) {
                project.open(monitor);
            }
            IFolder folder = (IFolder) file.getParent();
            if (!folder.exists()) {
                folder.create(IResource.NONE, true, monitor);
            }
            if (!file.exists()) {
                file.createLink(IPath.fromOSString(transcript.toString()), IResource.ALLOW_MISSING_LOCAL | IResource.REPLACE, monitor);
            }
            file.deleteMarkers(MARKER, true, IResource.DEPTH_ZERO);
            for (Problems.Problem problem : problems) {
                IMarker marker = file.createMarker(MARKER);
                marker.setAttribute(IMarker.MESSAGE, problem.message());
                marker.setAttribute(IMarker.SEVERITY, switch (problem.severity()) {
                    case ERROR -> IMarker.SEVERITY_ERROR;
                    case WARNING -> IMarker.SEVERITY_WARNING;
                    case INFO -> IMarker.SEVERITY_INFO;
                });
                marker.setAttribute(IMarker.LINE_NUMBER, problem.line());
                marker.setAttribute(IMarker.LOCATION, "line " + problem.line());
                marker.setAttribute(IDE.EDITOR_ID_ATTR, TranscriptEditor.ID);
                marker.setAttribute("kind", problem.kind().label());
            }
        });
    }

    /** Removes the link (and so the markers) of {@code transcript}. */
    public static void clear(Path transcript) {
        schedule("Clearing the problems of " + transcript.getFileName(), monitor -> {
            IFile file = linkOf(transcript);
            if (file.exists()) {
                file.delete(true, monitor); // a link: deleting it leaves the transcript alone
            }
        });
    }

    private interface WorkspaceWork {
        void run(IProgressMonitor monitor) throws CoreException;
    }

    private static void schedule(String name, WorkspaceWork work) {
        WorkspaceJob job = new WorkspaceJob(name) {
            @Override
            public IStatus runInWorkspace(IProgressMonitor monitor) throws CoreException {
                work.run(monitor);
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == FAMILY;
            }
        };
        job.setSystem(true);
        job.setRule(ResourcesPlugin.getWorkspace().getRoot());
        job.schedule();
    }
}
