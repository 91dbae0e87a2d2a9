# Added by scripts/generate-docs.sh (from scripts/completion/zsh-addendum.zsh): when every word mcptask
# offers is a tool's KEY=, it takes its value with no space in between.
__mcptask_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        completions=("${completions[@]:0:-1}")
        local -a keys=("${(@M)completions:#[^:]#=(|:*)}")
        if [[ "${#keys[@]}" -eq "${#completions[@]}" ]]; then
            _describe -V '' completions -S ''
        else
            __mcptask_complete "${completions[@]}"
        fi
    fi
}

