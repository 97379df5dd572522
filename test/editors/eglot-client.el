;;; eglot-client.el --- Emacs Eglot as a client of consistency-check serve --stdio  -*- lexical-binding: t -*-

;; A real Emacs (Debian's 28.2) with Debian's Eglot (elpa-eglot, 1.9), configured as
;; docs/editors.md tells a user: one `eglot-server-programs' entry for the prose modes and
;; `eglot-workspace-configuration' with the model.  Driven by test/editors/eglot.test.ts:
;;   emacs --batch -l test/editors/eglot-client.el
;; with CC_WORKSPACE (a copy of examples/ under git, so project.el finds its root), CC_MODEL,
;; CC_SERVER (dist/cli.js) and CC_RESULT (where the JSON report goes) in the environment.  Each
;; step records what it saw; the mocha test asserts on the report.

(require 'package)
;; Debian's elpa-* packages (eglot and the newer project and xref it needs), also under -Q.
(when (file-directory-p "/usr/share/emacs/site-lisp/elpa")
  (add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa"))
(package-initialize)
(require 'eglot)
(require 'flymake)
(require 'json)

(defvar cc-report (list (cons 'steps [])))
(defun cc-note (key value) (setf (alist-get key cc-report) value))
(defun cc-step (name) (cc-note 'steps (vconcat (alist-get 'steps cc-report) (list name))))

(defun cc-finish ()
  (with-temp-file (getenv "CC_RESULT")
    (insert (json-encode cc-report)))
  (kill-emacs 0))

(defun cc-wait (predicate seconds)
  "Let timers and process output run until PREDICATE holds or SECONDS pass; PREDICATE's value."
  (let ((deadline (+ (float-time) seconds)) value)
    (while (and (not (setq value (funcall predicate))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    value))

(defun cc-diagnostics ()
  "The current buffer's Flymake diagnostics as (line col code message), sorted, 0-based like LSP."
  (let ((all (mapcar (lambda (d)
                       (let* ((lsp (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data d))))
                              (start (plist-get (plist-get lsp :range) :start)))
                         (list (cons 'line (plist-get start :line))
                               (cons 'col (plist-get start :character))
                               (cons 'endLine (plist-get (plist-get (plist-get lsp :range) :end) :line))
                               (cons 'endCol (plist-get (plist-get (plist-get lsp :range) :end) :character))
                               (cons 'code (format "%s" (plist-get lsp :code)))
                               (cons 'message (flymake-diagnostic-text d))
                               (cons 'beg (flymake-diagnostic-beg d)))))
                     (flymake-diagnostics))))
    (sort all (lambda (a b) (< (alist-get 'beg a) (alist-get 'beg b))))))

(defun cc-wait-diagnostics (test seconds)
  "Wait until (TEST diagnostics) holds, restarting Flymake now and then (its idle timer needs commands)."
  (cc-wait (lambda ()
             (flymake-start)
             (accept-process-output nil 0.05)
             (funcall test (cc-diagnostics)))
           seconds))

(defun cc-command-of (action)
  "The command name an ACTION (a Command or a CodeAction) runs, or nil."
  (let ((command (plist-get action :command)))
    (cond ((stringp command) command)
          ((consp command) (plist-get command :command)))))

(defun cc-execute (server action)
  "Run ACTION the way `eglot-code-actions' does after the user picked it."
  (let ((command (plist-get action :command)))
    (when (plist-get action :edit) (eglot--apply-workspace-edit (plist-get action :edit)))
    (cond ((stringp command) (eglot-execute-command server (intern command) (plist-get action :arguments)))
          ((consp command) (eglot-execute-command server (intern (plist-get command :command)) (plist-get command :arguments))))))

;; markdown-mode is a separate package (NonGNU ELPA); Eglot only needs a mode of that name.
(unless (fboundp 'markdown-mode)
  (define-derived-mode markdown-mode text-mode "Markdown"))
(add-to-list 'auto-mode-alist '("\\.md\\'" . markdown-mode))

;; The setup of docs/editors.md, with the fixture model and the server of this checkout.
(setq eglot-server-programs
      `(((markdown-mode latex-mode LaTeX-mode rst-mode adoc-mode text-mode)
         . ("node" ,(getenv "CC_SERVER") "serve" "--stdio"))))
(setq-default eglot-workspace-configuration
              `(:consistency (:model ,(getenv "CC_MODEL") :threads 1 :debounceMs 50)))
(setq eglot-sync-connect 10 eglot-connect-timeout 60)

(defun cc-main ()
  (let* ((workspace (file-name-as-directory (getenv "CC_WORKSPACE")))
         (faq (find-file (concat workspace "docs/faq.md"))))
    (switch-to-buffer faq)
    (apply #'eglot (eglot--guess-contact))
    (let ((server (eglot-current-server)))
      (unless server (error "Eglot started no server"))
      (cc-note 'root (expand-file-name (project-root (eglot--project server))))
      (cc-note 'announcedShowDocument
               (and (plist-get (plist-get (eglot-client-capabilities server) :window) :showDocument) t))
      (cc-step "connected")

      ;; Diagnostics through Flymake: the two contradictions of the FAQ.
      (cc-wait-diagnostics (lambda (d) (>= (length d) 2)) 60)
      (let ((diagnostics (cc-diagnostics)))
        (cc-note 'diagnostics (vconcat diagnostics))
        (when (>= (length diagnostics) 2)
          (cc-step "diagnostics")
          (let ((first (car diagnostics)))
            ;; The hover, as ElDoc shows it at the first finding.
            (goto-char (alist-get 'beg first))
            (let (hover)
              (eglot-hover-eldoc-function (lambda (info &rest _) (setq hover (or info ""))))
              (cc-wait (lambda () hover) 10)
              (cc-note 'hover hover)
              (when hover (cc-step "hover")))

            ;; The code actions at the first finding, as `M-x eglot-code-actions' lists them at point.
            (let* ((beg (alist-get 'beg first))
                   (actions (eglot-code-actions beg nil)))
              (cc-note 'actions (vconcat (mapcar (lambda (a) (list (cons 'title (plist-get a :title))
                                                                   (cons 'command (cc-command-of a))))
                                                 actions)))
              (let ((dismiss (seq-find (lambda (a) (string-prefix-p "Dismiss this finding" (plist-get a :title))) actions)))
                (when dismiss
                  (cc-execute server dismiss)
                  (cc-wait-diagnostics (lambda (d) (= (length d) (1- (length diagnostics)))) 20)
                  (cc-note 'afterDismiss (length (cc-diagnostics)))
                  (cc-step "dismiss")))))))

      ;; A .tex file in the same server: Eglot 1.9 sends the server's one languageId (markdown,
      ;; from the mode that started it) for every buffer it manages.
      (let ((tex (find-file (concat workspace "paper/report.tex"))))
        (switch-to-buffer tex)
        (cc-note 'texMode (symbol-name major-mode))
        (cc-note 'texLanguageId (plist-get (eglot--TextDocumentItem) :languageId))
        (cc-note 'texManaged (and eglot--managed-mode t))
        (cc-wait-diagnostics (lambda (d) (>= (length d) 1)) 30)
        (cc-note 'texDiagnostics (vconcat (cc-diagnostics)))
        (cc-step "tex"))

      (let ((start (float-time)))
        (eglot-shutdown server)
        (cc-note 'stopMs (* 1000 (- (float-time) start)))
        (cc-step "stopped")))))

(condition-case err
    (cc-main)
  (error (cc-note 'error (error-message-string err))))
(cc-finish)
